/**
 * Resource lifecycle backend (`lifecycle`), and the catalog module with its tag processor and the
 * golden paths' local-repository provider.
 *
 * @packageDocumentation
 */
export { lifecyclePlugin as default, LIFECYCLE_TASKS } from './plugin';
export { catalogModuleLifecycle } from './catalog/module';
