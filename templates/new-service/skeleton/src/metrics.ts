import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * RED metrics (Rate, Errors, Duration) with the conventional names and labels, so that the alert
 * rules in monitoring/ and Portico's SLO view read them without configuration:
 * http_requests_total{service,route,method,code} and http_request_duration_seconds{service,route,method}.
 */
export const registry = new Registry();
registry.setDefaultLabels({ service: '${{ values.name }}' });
collectDefaultMetrics({ register: registry });

export const requests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests, by route, method and status code',
  labelNames: ['route', 'method', 'code'],
  registers: [registry],
});

export const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds, by route and method',
  labelNames: ['route', 'method'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
