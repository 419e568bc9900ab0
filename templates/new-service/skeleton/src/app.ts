import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { duration, registry, requests } from './metrics';

type Handler = (req: IncomingMessage, params: Record<string, string>) => Promise<{ status: number; body: unknown }>;

/** Routes of openapi.yaml; a route pattern (not the raw path) labels the metrics, so their cardinality stays bounded. */
const routes: Array<{ method: string; route: string; pattern: RegExp; handler: Handler }> = [
  {
    method: 'GET',
    route: '/health',
    pattern: /^\/health$/,
    handler: async () => ({ status: 200, body: { status: 'ok' } }),
  },
  {
    method: 'GET',
    route: '/v1/greetings/{name}',
    pattern: /^\/v1\/greetings\/(?<name>[^/]+)$/,
    handler: async (_req, params) => {
      const name = decodeURIComponent(params.name);
      if (!/^[A-Za-z0-9 -]{1,64}$/.test(name)) {
        return { status: 400, body: { error: 'name: letters, digits, spaces and dashes, 64 at most' } };
      }
      return { status: 200, body: { message: `Hello, ${name}!` } };
    },
  },
];

async function handle(req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/metrics') {
    res.writeHead(200, { 'Content-Type': registry.contentType });
    res.end(await registry.metrics());
    return;
  }
  const match = routes
    .map(r => ({ r, m: r.method === req.method ? r.pattern.exec(path) : null }))
    .find(x => x.m);
  const route = match?.r.route ?? 'unmatched';
  const stop = duration.startTimer({ route, method: req.method ?? 'GET' });
  let status = 404;
  let body: unknown = { error: 'not found' };
  try {
    if (match) ({ status, body } = await match.r.handler(req, match.m!.groups ?? {}));
  } catch {
    status = 500;
    body = { error: 'internal error' };
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
  stop();
  requests.inc({ route, method: req.method ?? 'GET', code: String(status) });
}

export function createApp() {
  return createServer((req, res) => {
    void handle(req, res);
  });
}
