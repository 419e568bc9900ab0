/**
 * Resource lifecycle pages (expiring soon, tag violations, cost centres) and the lifecycle card on
 * Resources' pages.
 *
 * @packageDocumentation
 */
export { lifecyclePlugin as default, lifecycleApi, lifecyclePage, lifecycleCard } from './plugin';
export { lifecycleApiRef } from './api';
export type { LifecycleApi } from './api';
