import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the upstream received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface EchoUpstream {
  /** Every request received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Where the upstream listens: scripts/e2e.sh picks a non-loopback address, since Try-It never calls loopback. */
export const UPSTREAM_BASE = `http://${process.env.PORTICO_E2E_UPSTREAM_HOST ?? '127.0.0.1'}:${
  process.env.PORTICO_E2E_UPSTREAM_PORT ?? '7178'
}`;

/**
 * The local upstream of `echo-api` (see catalog/echo-api.yaml, whose sandbox server is
 * `${UPSTREAM_BASE}/echo`). `GET /echo/messages/:id` answers
 * `{ id, keyReceived }`, where `keyReceived` says whether an `X-API-Key` header arrived and
 * looks like a sandbox key; it never echoes the key itself. Anything else is a 404.
 */
export async function startEchoUpstream(
  port = Number(process.env.PORTICO_E2E_UPSTREAM_PORT ?? 7178),
  host = process.env.PORTICO_E2E_UPSTREAM_HOST ?? '127.0.0.1',
): Promise<EchoUpstream> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: { ...req.headers },
    });
    // Drain any body so that the connection can be reused.
    req.resume();
    const path = new URL(req.url ?? '/', `http://${host}`).pathname;
    const match = /^\/echo\/messages\/([^/]+)$/.exec(path);
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no route for ${req.method} ${path}` }));
      return;
    }
    const key = req.headers['x-api-key'];
    const body = {
      id: decodeURIComponent(match[1]),
      keyReceived: typeof key === 'string' && key.startsWith('pt_sbx_'),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });

  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `The e2e upstream cannot listen on ${host}:${port} (${
            error.code ?? error.message
          }); is another run still going?`,
        ),
      );
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  if (address.port !== port) {
    throw new Error(`The e2e upstream listens on ${address.port}, not ${port}`);
  }

  return {
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
