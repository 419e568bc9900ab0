import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { urlReaderServiceFactory } from '@backstage/backend-defaults/urlReader';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import authPlugin from '@backstage/plugin-auth-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModulePortico from '@portico/plugin-catalog-backend-module-portico';
import authModuleDemoProvider from '@portico/plugin-auth-backend-module-demo-provider';
import permissionModulePortico from '@portico/plugin-permission-backend-module-portico';
import { readStartupConfig } from '@portico/portico-node';
import { backendDatabaseConfig, createPorticoTestDatabases } from '@portico/portico-test-utils';

// Catalog YAML is user input: a developer registers a repository's catalog-info.yaml. The
// catalog rules of the shipped app-config.yaml decide what such a location may declare; this
// runs them through the real catalog, auth and permission backends.
const repoRoot = path.resolve(__dirname, '../../..');
const backendDir = path.join(repoRoot, 'packages/backend');
const databases = createPorticoTestDatabases();

jest.setTimeout(120_000);

/** The catalog section of app-config.yaml, file targets made absolute. */
async function shippedCatalogConfig() {
  const config = await readStartupConfig([
    'node',
    'backend',
    '--config',
    path.join(repoRoot, 'app-config.yaml'),
  ]);
  const catalog = config.getConfig('catalog').get<JsonObject>();
  const locations = (catalog.locations as JsonObject[]).map(location => ({
    ...location,
    target:
      location.type === 'file'
        ? path.resolve(backendDir, location.target as string)
        : location.target,
  }));
  // Portico's own catalog-info.yaml names a system that this test does not load.
  return {
    ...catalog,
    locations: locations.filter(l => !String(l.target).endsWith('catalog-info.yaml')),
  };
}

const component = (name: string) => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: experimental
  owner: group:default/payments-team
`;

// What a developer's repository might add to its catalog-info.yaml to become an admin, and to
// publish a template that runs with the authority of whoever starts it.
const mallory = `
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: mallory
spec:
  profile:
    email: mallory@portico.example
  memberOf: [portal-admins]
`;
const template = `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: totally-legit-deploy
spec:
  type: service
  owner: group:default/payments-team
  steps: []
`;

/** A git host stand-in serving one repository file whose content the test changes. */
async function startRepositoryHost() {
  let content = '';
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/yaml' });
    res.end(content);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/payments/checkout/catalog-info.yaml`,
    setContent(documents: string[]) {
      content = documents.join('\n---\n');
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

describe.each(databases.eachSupportedId())('catalog trust boundary on %s', databaseId => {
  let server: http.Server;
  let repository: Awaited<ReturnType<typeof startRepositoryHost>>;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    repository = await startRepositoryHost();
    const database = await backendDatabaseConfig(databases, databaseId);
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              baseUrl: 'http://localhost:7007',
              database,
              reading: { allow: [{ host: repository.host }] },
            },
            auth: { environment: 'development', providers: { demo: { enabled: true } } },
            catalog: { ...(await shippedCatalogConfig()), processingInterval: { seconds: 1 } },
            permission: { enabled: true },
            portico: {
              rbac: {
                signedInUsers: [],
                roles: [{ group: 'portal-admins', allow: ['*'] }],
              },
            },
          },
        }),
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        permissionsServiceFactory,
        urlReaderServiceFactory,
        catalogPlugin,
        catalogModuleTemplateKind,
        catalogModulePortico,
        authPlugin,
        authModuleDemoProvider,
        permissionPlugin,
        permissionModulePortico,
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    await eventually(async () => {
      const res = await request(server).get('/api/auth/demo-users');
      return res.status === 200 && res.body.users.length >= 8 ? true : undefined;
    }, 'the demo org in the catalog');
  });

  afterAll(async () => {
    await stopBackend?.();
    await repository?.close();
  });

  const tokenFor = async (user: string) => {
    const res = await request(server).get('/api/auth/demo/refresh').set('x-portico-demo-user', user);
    expect(res.status).toBe(200);
    return res.body.backstageIdentity.token as string;
  };

  const entity = (token: string, ref: string) =>
    request(server).get(`/api/catalog/entities/by-name/${ref}`).set('Authorization', `Bearer ${token}`);

  it('takes roles and templates from the org and templates locations', async () => {
    const token = await tokenFor('carol');
    await eventually(async () => {
      // promotion-request: promotion-deploy is runnable by the promotions plugin only, hidden from users.
      const res = await entity(token, 'template/default/promotion-request');
      return res.status === 200 ? true : undefined;
    }, 'the golden-path templates');
    await expect(entity(token, 'group/default/portal-admins')).resolves.toHaveProperty('status', 200);
    // A template that acts with a plugin's authority is not even readable by a user (so not runnable).
    await expect(entity(token, 'template/default/promotion-deploy')).resolves.toHaveProperty('status', 404);
  });

  it('refuses a User and a Template in a registered location, and says why on the location', async () => {
    const alice = await tokenFor('alice');

    // The import page's dry run already names the refused entity.
    repository.setContent([component('checkout'), mallory, template]);
    const dryRun = await request(server)
      .post('/api/catalog/locations?dryRun=true')
      .set('Authorization', `Bearer ${alice}`)
      .send({ type: 'url', target: repository.url });
    expect(dryRun.status).toBe(400);
    expect(dryRun.body.error.message).toMatch(
      /user:default\/mallory .* is not of an allowed kind for that location/,
    );

    // Registered without the dry run: a developer's components are welcome ...
    repository.setContent([component('checkout')]);
    const registered = await request(server)
      .post('/api/catalog/locations')
      .set('Authorization', `Bearer ${alice}`)
      .send({ type: 'url', target: repository.url });
    expect(registered.status).toBe(201);
    await eventually(async () => {
      const res = await entity(alice, 'component/default/checkout');
      return res.status === 200 ? true : undefined;
    }, 'the registered component');

    // ... then the repository grows an admin and a template.
    repository.setContent([component('checkout'), mallory, template]);
    const location = await eventually(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: `kind=location,spec.target=${repository.url}` })
        .set('Authorization', `Bearer ${alice}`);
      const found = res.body.items?.[0];
      const refused = found?.status?.items?.some((item: { message: string }) =>
        /mallory/.test(item.message),
      );
      return refused ? found : undefined;
    }, 'the refusal on the location');

    // The location entity carries the reason, as the entity page's processing errors show it.
    expect(location.status.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: expect.stringMatching(
            /^NotAllowedError: Entity user:default\/mallory at url:http:\/\/127\.0\.0\.1:\d+\/payments\/checkout\/catalog-info\.yaml, .* is not of an allowed kind for that location$/,
          ),
        }),
      ]),
    );
    await expect(entity(alice, 'user/default/mallory')).resolves.toHaveProperty('status', 404);
    await expect(entity(alice, 'template/default/totally-legit-deploy')).resolves.toHaveProperty(
      'status',
      404,
    );

    // No user, so no sign-in and no role: portal-admins did not gain a member.
    await request(server).get('/api/auth/demo/refresh').set('x-portico-demo-user', 'mallory').expect(404);
    const admins = await entity(alice, 'group/default/portal-admins');
    expect(admins.body.relations).not.toContainEqual(
      expect.objectContaining({ targetRef: 'user:default/mallory' }),
    );
    const users = await request(server).get('/api/auth/demo-users');
    expect(users.body.users.map((u: { name: string }) => u.name)).not.toContain('mallory');
  });
});
