import { startTestBackend } from '@backstage/backend-test-utils';
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { porticoMetricsServiceRef } from './metricsService';
import { porticoRegistry } from './registry';

describe('porticoMetricsServiceRef', () => {
  it('lets a plugin register a metric that the registry exposes', async () => {
    const plugin = createBackendPlugin({
      pluginId: 'metrics-example',
      register(reg) {
        reg.registerInit({
          deps: { metrics: porticoMetricsServiceRef, logger: coreServices.logger },
          async init({ metrics }) {
            const processed = metrics.counter({
              name: 'portico_example_processed_total',
              help: 'Example counter',
              labelNames: ['outcome'],
            });
            processed.inc({ outcome: 'ok' }, 3);
            // Asking again returns the same metric instead of throwing "already registered".
            metrics
              .counter({ name: 'portico_example_processed_total', help: 'Example counter', labelNames: ['outcome'] })
              .inc({ outcome: 'ok' });
          },
        });
      },
    });
    await startTestBackend({ features: [plugin] });
    const exposition = await porticoRegistry.metrics();
    expect(exposition).toContain('portico_example_processed_total{outcome="ok"} 4');
  });
});
