import { createServiceRef, createServiceFactory } from '@backstage/backend-plugin-api';
import type {
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
} from 'prom-client';
import { counter, gauge, histogram } from './registry';

/**
 * How a Portico plugin registers its own Prometheus metrics. Everything registered here
 * is served at the backend's `/metrics`. Asking twice for the same name returns the same
 * metric, so a plugin can declare its metrics where it uses them.
 */
export interface PorticoMetricsService {
  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>;
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L>;
  histogram<L extends string>(
    config: Omit<HistogramConfiguration<L>, 'registers'>,
  ): Histogram<L>;
}

export const porticoMetricsServiceRef = createServiceRef<PorticoMetricsService>({
  id: 'portico.metrics',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => ({ counter, gauge, histogram }),
    }),
});
