/**
 * Portico's catalog additions.
 *
 * @packageDocumentation
 */
export { catalogModulePortico as default } from './module';
