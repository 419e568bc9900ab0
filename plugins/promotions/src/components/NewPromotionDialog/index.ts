export { NewPromotionDialog } from './NewPromotionDialog';
