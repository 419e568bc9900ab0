export { lifecycleApiRef } from './LifecycleApi';
export type { LifecycleApi, Page, ResourceFilters } from './LifecycleApi';
export { LifecycleClient } from './LifecycleClient';
