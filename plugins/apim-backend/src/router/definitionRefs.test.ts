import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Entity } from '@backstage/catalog-model';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { ApimTestBackend, auth, startApimTestBackend } from '../__testUtils__/apimTestBackend';
import { APIM_TASKS } from '../plugin';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const MARKER = `portico-secret-${Math.random().toString(36).slice(2)}`;

/**
 * Issue 9, item 1: an API definition is catalog data that anyone can write. A `$ref` to a file
 * of the backend or to a URL must resolve to nothing: no read, no request, no content in any
 * response, and the API page says why.
 */
describe.each(databases.eachSupportedId())('API definitions with external $refs on %p', databaseId => {
  let backend: ApimTestBackend;
  let dir: string;
  let secretFile: string;
  let server: http.Server;
  let port: number;
  const hits: string[] = [];

  const refApi = (name: string, definition: object): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default', title: name },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'payments-team', definition: JSON.stringify(definition) },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
  });

  const definition = (ref: string) => ({
    openapi: '3.0.3',
    info: { title: 'Leaky', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com/v1', 'x-portico-environment': 'sandbox' }],
    paths: {
      '/things': {
        get: {
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } } },
        },
      },
    },
  });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apim-refs-'));
    secretFile = path.join(dir, 'secret.json');
    fs.writeFileSync(secretFile, JSON.stringify({ type: 'string', description: MARKER }));
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'string', description: MARKER }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    backend = await startApimTestBackend(databases, databaseId, {
      entities: [
        refApi('file-ref-api', definition(secretFile)),
        refApi('file-url-ref-api', definition(`file://${secretFile}`)),
        refApi('http-ref-api', definition(`http://127.0.0.1:${port}/schema.json`)),
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => request(backend.server).get(`/api/apim${url}`).set('Authorization', auth('alice'));

  it.each(['file-ref-api', 'file-url-ref-api', 'http-ref-api'])(
    '%s resolves to nothing, and the API page says the definition refers outside itself',
    async name => {
      const detail = await get(`/apis/default/${name}`);
      expect(detail.status).toBe(200);
      expect(detail.body.definitionError).toMatch(/refers to .* outside the definition/);
      expect(detail.body.operations).toEqual([]);
      expect(JSON.stringify(detail.body)).not.toContain(MARKER);

      const list = await get('/apis?limit=100');
      expect(list.status).toBe(200);
      expect(list.body.items.map((a: any) => a.name)).toContain(name);
      expect(JSON.stringify(list.body)).not.toContain(MARKER);

      const samples = await request(backend.server)
        .post('/api/apim/code-samples')
        .set('Authorization', auth('alice'))
        .send({
          apiRef: `api:default/${name}`,
          environment: 'sandbox',
          serverUrl: 'https://api.example.com/v1',
          method: 'GET',
          path: '/things',
        });
      expect(samples.status).toBe(400);
      expect(JSON.stringify(samples.body)).not.toContain(MARKER);
    },
  );

  it('never requests the URL, and no event carries the file content', async () => {
    await backend.scheduler.triggerTask(APIM_TASKS.apiChanges);
    const rows = await backend.knex('portico_outbox').select('payload');
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(MARKER);
    expect(hits).toEqual([]);
  });
});
