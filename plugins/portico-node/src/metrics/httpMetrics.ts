import type { Request, RequestHandler, Response } from 'express';
import { counter, histogram } from './registry';

const requestsTotal = () =>
  counter<'method' | 'route' | 'status'>({
    name: 'http_requests_total',
    help: 'HTTP requests served by the backend, by method, matched route pattern and status',
    labelNames: ['method', 'route', 'status'],
  });

const requestDuration = () =>
  histogram<'method' | 'route' | 'status'>({
    name: 'http_request_duration_seconds',
    help: 'Time to serve HTTP requests, by method, matched route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

/**
 * The route label is the pattern that matched (`/api/catalog/entities/by-uid/:uid`), never
 * the raw path, so that ids never multiply the time series. Express leaves `baseUrl` and
 * `route` as they were when the handler answered.
 */
export function routeLabel(req: Request, res: Response): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && route.path !== undefined) {
    const pattern = Array.isArray(route.path)
      ? route.path.map(String).join('|')
      : String(route.path);
    return `${req.baseUrl}${pattern === '/' && req.baseUrl ? '' : pattern}`;
  }
  if (res.statusCode === 404) {
    return '(unmatched)';
  }
  // Middleware that answered without a route (static files, health checks, proxies):
  // label by mount point only.
  return req.baseUrl ? `${req.baseUrl}/*` : '(root)';
}

export function httpMetricsMiddleware(): RequestHandler {
  const total = requestsTotal();
  const duration = requestDuration();
  return (req, res, next) => {
    const stopTimer = duration.startTimer();
    res.once('finish', () => {
      const labels = {
        method: req.method,
        route: routeLabel(req, res),
        status: String(res.statusCode),
      };
      total.inc(labels);
      stopTimer(labels);
    });
    next();
  };
}
