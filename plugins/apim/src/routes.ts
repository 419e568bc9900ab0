import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The API Portal, mounted at `/api-portal`. */
export const apiPortalRouteRef = createRouteRef();

/** The caller's applications and the subscriptions awaiting their decision, at `/applications`. */
export const applicationsRouteRef = createRouteRef();

/** One application: subscriptions and keys, at `/applications/:id`. */
export const applicationRouteRef = createRouteRef({ params: ['id'] });
