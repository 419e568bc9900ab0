export { promotionsApiRef, type PromotionsApi, type ListPromotionsRequest } from './PromotionsApi';
export { PromotionsClient } from './PromotionsClient';
export { describeError, fieldErrorOf } from './errors';
