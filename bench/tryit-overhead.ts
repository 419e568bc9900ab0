/*
 * Try-It overhead: what the apim backend's Try-It proxy adds to a call, against calling the
 * upstream directly. A local upstream on this machine's non-loopback address (Try-It never calls
 * loopback; the bench lists the address as a private target) answers a small JSON; 2,000 sequential
 * calls each way (interleaved call by call), with node's http client and a keep-alive agent
 * for the direct calls, and TryItService (in-memory catalog entity with a server declared
 * private, fake key and access ports) for the proxied ones, once with the server as an IP
 * address and once by host name (resolved by a stub resolver to the same address, so that the
 * policy's resolve-and-check step is in the figure, without the system's DNS latency). Measured at the service level: no browser, no express, no catalog
 * round trip.
 *
 *   npm run bench                                   (all benchmarks)
 *   PORTICO_BENCH_TRYIT_CALLS=10000 npm run bench   (more calls)
 *
 * Goal: at most 3 ms added at p50.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { OutboundAddressPolicy } from '../plugins/portico-node/src/outbound';
import { DEFAULT_TRY_IT_SETTINGS, TryItService } from '../plugins/apim-backend/src/service/tryit';

const CALLS = Number(process.env.PORTICO_BENCH_TRYIT_CALLS ?? 2_000);
const WARM_UP = 200;
const APPLICATION_ID = '3f1c2a4e-7b8d-4c1e-9f00-1a2b3c4d5e6f';
const PAYMENT = JSON.stringify({ id: 'pay_123', amount: 4999, currency: 'EUR', status: 'captured' });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs the scenarios interleaved, call by call, so that drift and GC hit them alike. */
async function measure(scenarios: Record<string, () => Promise<unknown>>) {
  const entries = Object.entries(scenarios);
  for (let i = 0; i < WARM_UP; i++) for (const [, call] of entries) await call();
  const times = new Map(entries.map(([label]) => [label, [] as number[]]));
  for (let i = 0; i < CALLS; i++) {
    for (const [label, call] of entries) {
      const start = performance.now();
      await call();
      times.get(label)!.push(performance.now() - start);
    }
  }
  const stats: Record<string, { p50: number; p99: number }> = {};
  for (const [label, samples] of times) {
    samples.sort((a, b) => a - b);
    stats[label] = { p50: percentile(samples, 50), p99: percentile(samples, 99) };
    console.log(
      `${label.padEnd(24)} p50 ${stats[label].p50.toFixed(3)} ms   p99 ${stats[label].p99.toFixed(3)} ms   (${CALLS} calls)`,
    );
  }
  return stats;
}

async function main() {
  const upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(PAYMENT);
    });
  });
  const host = Object.values(os.networkInterfaces())
    .flat()
    .find(a => a && !a.internal && a.family === 'IPv4')?.address;
  if (!host) throw new Error('The Try-It bench needs a non-loopback IPv4 address on this machine');
  await new Promise<void>(resolve => upstream.listen(0, host, resolve));
  const port = (upstream.address() as AddressInfo).port;
  const serverUrl = `http://${host}:${port}/v1`;
  const namedServerUrl = `http://upstream.bench:${port}/v1`;
  const outbound = new OutboundAddressPolicy({
    privateTargets: [{ cidr: `${host}/32`, ports: [port] }],
    configKey: 'apim.tryIt.privateTargets',
    resolver: async () => [{ address: host, family: 4 }],
  });

  const definition = JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Payments', version: '1.0.0' },
    servers: [
      { url: serverUrl, 'x-portico-environment': 'sandbox', 'x-portico-private': true },
      { url: namedServerUrl, 'x-portico-environment': 'sandbox', 'x-portico-private': true },
    ],
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    security: [{ key: [] }],
    paths: { '/payments/{paymentId}': { get: { responses: { '200': { description: 'ok' } } } } },
  });
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'group:default/payments', definition },
  };
  const catalog = { getEntityByRef: async () => entity } as unknown as CatalogService;
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  } as BackstageCredentials;
  const service = new TryItService({
    catalog,
    consoleKeys: { keyFor: async () => 'pt_sbx_BENCHKEY0123456789abcdef_c0ff' },
    access: { assertCanTry: async () => {} },
    settings: DEFAULT_TRY_IT_SETTINGS,
    outbound,
  });

  const agent = new http.Agent({ keepAlive: true });
  const direct = () =>
    new Promise<string>((resolve, reject) => {
      const req = http.request(
        `${serverUrl}/payments/pay_123`,
        { agent, headers: { 'X-API-Key': 'pt_sbx_BENCHKEY0123456789abcdef_c0ff' } },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  const proxied = (url: string) => () =>
    service.call(
      {
        apiRef: 'api:default/payments',
        applicationId: APPLICATION_ID,
        environment: 'sandbox',
        serverUrl: url,
        method: 'GET',
        path: '/payments/pay_123',
      },
      { credentials },
    );

  for (const url of [serverUrl, namedServerUrl]) {
    const first = await proxied(url)();
    if (first.status !== 200 || first.body !== PAYMENT) {
      throw new Error(`Try-It answered ${first.status} ${first.body}`);
    }
  }

  const stats = await measure({
    direct,
    'Try-It, IP address': proxied(serverUrl),
    'Try-It, host name': proxied(namedServerUrl),
  });
  for (const label of ['Try-It, IP address', 'Try-It, host name']) {
    console.log(
      `added by ${label}: p50 ${(stats[label].p50 - stats.direct.p50).toFixed(3)} ms, p99 ${(
        stats[label].p99 - stats.direct.p99
      ).toFixed(3)} ms (goal: at most 3 ms at p50)`,
    );
  }

  outbound.close();
  agent.destroy();
  upstream.closeAllConnections();
  await new Promise(resolve => upstream.close(resolve));
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
