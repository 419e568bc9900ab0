import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The events page, mounted at `/events`. */
export const eventsRouteRef = createRouteRef();

/** The schedules page (portal admins), mounted at `/schedules`. */
export const schedulesRouteRef = createRouteRef();
