import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Promotion requests with filters, at `/promotions`. */
export const promotionsRouteRef = createRouteRef();

/** One request: timeline, attempts, evidence, decisions, at `/promotions/:id`. */
export const promotionRequestRouteRef = createRouteRef({ params: ['id'] });
