import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Findings with filters, at `/security`. */
export const securityRouteRef = createRouteRef();

/** One finding: details, timeline, triage, at `/security/findings/:id`. */
export const findingRouteRef = createRouteRef({ params: ['id'] });

/** The weekly report per team, at `/security/report`. */
export const weeklyReportRouteRef = createRouteRef();
