import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleDemoProvider } from './module';

const start = (demo: unknown) =>
  startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { environment: 'development', providers: { demo } },
        } as any,
      }),
      catalogServiceMock.factory({ entities: [] }),
      authPlugin,
      authModuleDemoProvider,
    ],
  });

describe('authModuleDemoProvider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('is off without the explicit switch', async () => {
    const backend = await start({});
    const res = await request(backend.server).get('/api/auth/demo-users');
    expect(res.status).toBe(404);
    await backend.stop();
  });

  it('serves the demo users when switched on', async () => {
    const backend = await start({ enabled: true });
    const res = await request(backend.server).get('/api/auth/demo-users');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ users: [] });
    await backend.stop();
  });

  it('stops the backend from starting when switched on with NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';
    await expect(start({ enabled: true })).rejects.toThrow(
      /auth\.providers\.demo\.enabled is true but NODE_ENV is production/,
    );
  });
});
