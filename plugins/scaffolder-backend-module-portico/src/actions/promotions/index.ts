export { PromotionsClient } from './PromotionsClient';
export {
  createPromotionRequestCreateAction,
  CREATE_PROMOTION_ACTION_ID,
} from './createPromotionRequest';
export {
  createPromotionRequestApproveAction,
  APPROVE_PROMOTION_ACTION_ID,
} from './approvePromotionRequest';
