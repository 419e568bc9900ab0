import express from 'express';
import request from 'supertest';
import { httpMetricsMiddleware } from './httpMetrics';
import { metricsEndpoint } from './metricsEndpoint';
import { porticoRegistry } from './registry';

function appWithPluginRouter() {
  const app = express();
  app.use(httpMetricsMiddleware());
  app.get('/metrics', metricsEndpoint({}));
  const plugin = express.Router();
  plugin.get('/entities/by-uid/:uid', (req, res) => {
    res.json({ uid: req.params.uid });
  });
  plugin.post('/items', (_req, res) => {
    res.status(201).json({});
  });
  app.use('/api/things', plugin);
  app.use('/static', express.static(__dirname));
  return app;
}

async function requestCount(labels: Record<string, string>): Promise<number> {
  const metric = await porticoRegistry.getSingleMetric('http_requests_total')!.get();
  const match = metric.values.find(v =>
    Object.entries(labels).every(([k, value]) => v.labels[k] === value),
  );
  return match?.value ?? 0;
}

describe('http metrics', () => {
  it('labels requests with the matched route pattern, never the raw id', async () => {
    const app = appWithPluginRouter();
    await request(app).get('/api/things/entities/by-uid/1f2e3d').expect(200);
    await request(app).get('/api/things/entities/by-uid/9a8b7c').expect(200);

    await expect(
      requestCount({
        method: 'GET',
        route: '/api/things/entities/by-uid/:uid',
        status: '200',
      }),
    ).resolves.toBe(2);

    const exposition = (await request(app).get('/metrics').expect(200)).text;
    expect(exposition).not.toContain('1f2e3d');
    expect(exposition).toContain('http_request_duration_seconds_bucket');
  });

  it('counts by status and method, and groups unknown paths as unmatched', async () => {
    const app = appWithPluginRouter();
    await request(app).post('/api/things/items').expect(201);
    await request(app).get('/no/such/path/42').expect(404);

    await expect(
      requestCount({ method: 'POST', route: '/api/things/items', status: '201' }),
    ).resolves.toBeGreaterThanOrEqual(1);
    await expect(
      requestCount({ method: 'GET', route: '(unmatched)', status: '404' }),
    ).resolves.toBeGreaterThanOrEqual(1);
    const exposition = (await request(app).get('/metrics')).text;
    expect(exposition).not.toContain('/no/such/path/42');
  });

  it('labels middleware answers by mount point', async () => {
    const app = appWithPluginRouter();
    await request(app).get('/static/httpMetrics.ts').expect(200);
    await expect(
      requestCount({ method: 'GET', route: '/static/*', status: '200' }),
    ).resolves.toBeGreaterThanOrEqual(1);
  });
});

describe('metrics endpoint', () => {
  const appWithToken = () => {
    const app = express();
    app.get('/metrics', metricsEndpoint({ token: 's3cret-token' }));
    return app;
  };

  it('requires the bearer token when one is configured', async () => {
    await request(appWithToken()).get('/metrics').expect(401);
    await request(appWithToken())
      .get('/metrics')
      .set('Authorization', 'Bearer wrong')
      .expect(401);
    const ok = await request(appWithToken())
      .get('/metrics')
      .set('Authorization', 'Bearer s3cret-token')
      .expect(200);
    expect(ok.headers['content-type']).toContain('text/plain');
  });
});
