/**
 * Service desk backend: service catalog, requests with SLA, round-robin assignment and
 * automatic fulfilment through the scaffolder.
 *
 * @packageDocumentation
 */
export { servicedeskPlugin as default, SERVICEDESK_TASKS } from './plugin';
