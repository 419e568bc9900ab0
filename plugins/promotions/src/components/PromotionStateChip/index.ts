export { PromotionStateChip } from './PromotionStateChip';
