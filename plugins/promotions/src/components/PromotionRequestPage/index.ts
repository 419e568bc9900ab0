export { PromotionRequestPage } from './PromotionRequestPage';
