export { porticoMetricsServiceRef } from './metricsService';
export type { PorticoMetricsService } from './metricsService';
export { porticoRootHttpRouterServiceFactory } from './rootHttpRouter';
export { routeLabel } from './httpMetrics';
