import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The events page, mounted at `/events`. */
export const eventsRouteRef = createRouteRef();
