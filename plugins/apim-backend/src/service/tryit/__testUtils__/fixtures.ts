import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Entity } from '@backstage/catalog-model';

export const APPLICATION_ID = '3f1c2a4e-7b8d-4c1e-9f00-1a2b3c4d5e6f';
export const CONSOLE_KEY = 'pt_sbx_TESTKEY0123456789abcdefXYZ_c0ff';

/**
 * An address of this machine that is not loopback: Try-It never calls loopback, so the test
 * upstream listens here and the tests list it in `apim.tryIt.privateTargets`.
 */
export const UPSTREAM_HOST: string = (() => {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find(a => a && !a.internal && a.family === 'IPv4');
  if (!found) throw new Error('The Try-It tests need a non-loopback IPv4 address on this machine');
  return found.address;
})();

/** The allow-list entry that opens the test upstream. */
export function upstreamTargets(port: number) {
  return [{ cidr: `${UPSTREAM_HOST}/32`, ports: [port] }];
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A local upstream on UPSTREAM_HOST that records what it receives:
 * `/v1/echo` echoes the request (key included, as a careless API might), `/v1/redirect`
 * redirects elsewhere, `/v1/big` answers 2 MiB, `/v1/slow` never answers, `/v1/binary` bytes.
 */
export async function startUpstream() {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const path = new URL(req.url!, 'http://upstream').pathname;
      if (path.startsWith('/v1/payments/')) {
        res.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': 'session=abc; HttpOnly',
          'x-request-id': 'req-1',
        });
        res.end(JSON.stringify({ id: path.split('/').pop(), status: 'captured' }));
      } else if (path === '/v1/payments') {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ created: req.method === 'POST', body: body || null }));
      } else if (path === '/v1/echo') {
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-echo-key': String(req.headers['x-api-key'] ?? ''),
        });
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      } else if (path === '/v1/redirect') {
        res.writeHead(302, { location: 'http://elsewhere.example/steal' });
        res.end();
      } else if (path === '/v1/big') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('a'.repeat(2 * 1024 * 1024));
      } else if (path === '/v1/binary') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.from([0, 1, 2, 0xff, 0xfe]));
      } else if (path === '/v1/slow') {
        // Never answers; the proxy's timeout must.
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, UPSTREAM_HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** An OpenAPI definition whose servers point at the local upstream. */
export function definitionFor(
  port: number,
  apiKey: { in: 'header' | 'query'; name: string } = { in: 'header', name: 'X-API-Key' },
) {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Payments', version: '1.0.0' },
    servers: [
      { url: `http://${UPSTREAM_HOST}:${port}/v1`, 'x-portico-environment': 'sandbox', 'x-portico-private': true },
      // Declared public, yet localhost resolves to loopback: SSRF.
      { url: `http://localhost:${port}/v1`, 'x-portico-environment': 'sandbox' },
      // Declared private by the catalog author: still loopback, never called.
      { url: `http://127.0.0.1:${port}/v1`, 'x-portico-environment': 'sandbox', 'x-portico-private': true },
      { url: `http://${UPSTREAM_HOST}:${port}/v1`, 'x-portico-environment': 'production', 'x-portico-private': true },
      // A name only the tests' resolver knows.
      { url: `http://upstream.test:${port}/v1`, 'x-portico-environment': 'staging', 'x-portico-private': true },
      { url: `http://public.test:${port}/v1`, 'x-portico-environment': 'staging' },
    ],
    components: {
      securitySchemes: { key: { type: 'apiKey', in: apiKey.in, name: apiKey.name } },
    },
    security: [{ key: [] }],
    paths: {
      '/payments': {
        get: { operationId: 'listPayments', responses: { '200': { description: 'ok' } } },
        post: { operationId: 'createPayment', responses: { '201': { description: 'ok' } } },
      },
      '/payments/{paymentId}': {
        get: { operationId: 'getPayment', responses: { '200': { description: 'ok' } } },
        delete: { operationId: 'cancelPayment', responses: { '204': { description: 'ok' } } },
      },
      '/echo': {
        get: { responses: { '200': { description: 'ok' } } },
        post: { responses: { '200': { description: 'ok' } } },
      },
      '/redirect': { get: { responses: { '302': { description: 'elsewhere' } } } },
      '/big': { get: { responses: { '200': { description: 'ok' } } } },
      '/binary': { get: { responses: { '200': { description: 'ok' } } } },
      '/slow': { get: { responses: { '200': { description: 'ok' } } } },
    },
  });
}

export function apiEntity(name: string, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'group:default/payments-team', definition },
  };
}
