import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { httpMetricsMiddleware } from './httpMetrics';
import { metricsEndpoint } from './metricsEndpoint';
import { startDefaultMetrics } from './registry';
import { readMetricsConfig } from './config';

/**
 * Backstage's root HTTP router with Portico's metrics in front of it: every request is
 * counted and timed, and `/metrics` on the backend root serves the registry.
 */
export const porticoRootHttpRouterServiceFactory = rootHttpRouterServiceFactory({
  configure({ app, config, applyDefaults }) {
    const metrics = readMetricsConfig(config);
    if (metrics.enabled) {
      startDefaultMetrics();
      app.use(httpMetricsMiddleware());
      app.get('/metrics', metricsEndpoint({ token: metrics.token }));
    }
    applyDefaults();
  },
});
