import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Expiring soon, tag violations and cost centres, at `/lifecycle`. */
export const lifecycleRouteRef = createRouteRef();
