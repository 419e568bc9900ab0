export { PromotionsClient } from './PromotionsClient';
export {
  createPromotionRequestCreateAction,
  CREATE_PROMOTION_ACTION_ID,
} from './createPromotionRequest';
export {
  createPromotionAttemptVerifyAction,
  VERIFY_ATTEMPT_ACTION_ID,
} from './verifyAttempt';
