import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The service desk: catalog, my requests, queue, SLA, services; at `/servicedesk`. */
export const servicedeskRouteRef = createRouteRef();

/** One ticket, at `/servicedesk/requests/:ticketId`. */
export const requestRouteRef = createRouteRef({ params: ['ticketId'] });
