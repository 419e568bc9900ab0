import {
  collectDefaultMetrics,
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  Registry,
} from 'prom-client';

/**
 * The one registry that `/metrics` exposes. A process holds a single backend, so a
 * process-wide registry is the honest model; tests that start several backends in one
 * process get the same metric objects back instead of a "metric already registered" error.
 */
export const porticoRegistry = new Registry();

let defaultMetricsStarted = false;

/** Starts the process metrics (CPU, memory, event loop, GC) once per process. */
export function startDefaultMetrics(): void {
  if (!defaultMetricsStarted) {
    collectDefaultMetrics({ register: porticoRegistry });
    defaultMetricsStarted = true;
  }
}

function getOrCreate<T>(name: string, create: () => T): T {
  const existing = porticoRegistry.getSingleMetric(name);
  return existing ? (existing as unknown as T) : create();
}

export function counter<L extends string>(
  config: Omit<CounterConfiguration<L>, 'registers'>,
): Counter<L> {
  return getOrCreate(
    config.name,
    () => new Counter<L>({ ...config, registers: [porticoRegistry] }),
  );
}

export function gauge<L extends string>(
  config: Omit<GaugeConfiguration<L>, 'registers'>,
): Gauge<L> {
  return getOrCreate(
    config.name,
    () => new Gauge<L>({ ...config, registers: [porticoRegistry] }),
  );
}

export function histogram<L extends string>(
  config: Omit<HistogramConfiguration<L>, 'registers'>,
): Histogram<L> {
  return getOrCreate(
    config.name,
    () => new Histogram<L>({ ...config, registers: [porticoRegistry] }),
  );
}
