import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  auth,
  createPromotion,
  PromotionsTestBackend,
  startPromotionsTestBackend,
} from '../__testUtils__/promotionsTestBackend';
import { promotionsEvidenceExtensionPoint } from '@portico/plugin-promotions-node';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();

/** What another plugin (security, monitoring) would add: here, open critical findings on ledger-service. */
const findingsGate = createBackendModule({
  pluginId: 'promotions',
  moduleId: 'test-findings-gate',
  register(reg) {
    reg.registerInit({
      deps: { evidence: promotionsEvidenceExtensionPoint },
      async init({ evidence }) {
        evidence.addGate(
          {
            id: 'open-critical-findings',
            title: 'No open critical finding',
            async evaluate(req) {
              return req.componentRef === 'component:default/ledger-service'
                ? { status: 'fail', summary: '2 open critical findings', link: '/security/ledger-service' }
                : { status: 'pass', summary: 'No open critical finding' };
            },
          },
          {
            id: 'broken-gate',
            title: 'A gate that throws',
            async evaluate() {
              throw new Error('monitoring is down');
            },
          },
        );
      },
    });
  },
});

describe.each(databases.eachSupportedId())('evidence gates on %p', databaseId => {
  let backend: PromotionsTestBackend;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId, {
      features: [findingsGate],
      config: {
        promotions: {
          gates: {
            'open-critical-findings': { blocking: true },
            'version-not-deployed': { enabled: false },
          },
        },
      },
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('shows the evidence of every enabled gate on the request, a throwing gate as unknown', async () => {
    const created = await createPromotion(backend.server, 'alice');
    const res = await request(backend.server)
      .get(`/api/promotions/requests/${created.id}`)
      .set('Authorization', auth('bob'))
      .expect(200);
    expect(res.body.evidence).toEqual([
      { gateId: 'open-critical-findings', title: 'No open critical finding', status: 'pass', summary: 'No open critical finding', blocking: true },
      expect.objectContaining({ gateId: 'broken-gate', status: 'unknown', blocking: false, summary: expect.stringContaining('monitoring is down') }),
    ]);
  });

  it('refuses the approval while a blocking gate fails, and writes nothing', async () => {
    const created = await createPromotion(backend.server, 'alice', { componentRef: 'component:default/ledger-service' });
    const res = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth('bob'))
      .send({});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("gate 'No open critical finding' fails (2 open critical findings)");
    const after = await request(backend.server)
      .get(`/api/promotions/requests/${created.id}`)
      .set('Authorization', auth('bob'))
      .expect(200);
    expect(after.body).toMatchObject({ state: 'PENDING', approvals: [] });
    expect(after.body.evidence[0]).toMatchObject({ status: 'fail', link: '/security/ledger-service' });
    // A rejection is still possible.
    await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/reject`)
      .set('Authorization', auth('bob'))
      .send({ comment: 'Fix the findings first' })
      .expect(200);
  });
});

describe.each(databases.eachSupportedId())('a blocking gate that cannot be evaluated on %p', databaseId => {
  let backend: PromotionsTestBackend;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId, {
      features: [findingsGate],
      config: { promotions: { gates: { 'broken-gate': { blocking: true }, 'version-not-deployed': { enabled: false } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('blocks the approval (fail closed) and says so', async () => {
    const created = await createPromotion(backend.server, 'alice');
    const res = await request(backend.server)
      .post(`/api/promotions/requests/${created.id}/approve`)
      .set('Authorization', auth('bob'))
      .send({});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      "gate 'A gate that throws' could not be evaluated (The gate could not be evaluated: monitoring is down); a blocking gate fails closed",
    );
    const after = await request(backend.server).get(`/api/promotions/requests/${created.id}`).set('Authorization', auth('bob')).expect(200);
    expect(after.body).toMatchObject({ state: 'PENDING', approvals: [] });
  });
});

describe.each(databases.eachSupportedId())('the built-in "version not already deployed" gate on %p', databaseId => {
  let backend: PromotionsTestBackend;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId, {
      config: { promotions: { targets: { PROD: { executor: 'external', executorSubjects: ['external:awx'] } }, gates: { 'version-not-deployed': { blocking: true } } } },
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('fails, and blocks, for a version another request already deployed', async () => {
    const first = await createPromotion(backend.server, 'alice', { version: '7.7.7' });
    const approved = await request(backend.server)
      .post(`/api/promotions/requests/${first.id}/approve`)
      .set('Authorization', auth('bob'))
      .send({})
      .expect(200);
    await request(backend.server)
      .post(`/api/promotions/requests/${first.id}/deployment`)
      .set('Authorization', mockCredentials.service.header({ onBehalfOf: mockCredentials.service('external:awx'), targetPluginId: 'promotions' }))
      .send({ attemptId: approved.body.attempts[0].id, status: 'succeeded' })
      .expect(200);

    const again = await createPromotion(backend.server, 'alice', { version: '7.7.7' });
    const view = await request(backend.server)
      .get(`/api/promotions/requests/${again.id}`)
      .set('Authorization', auth('bob'))
      .expect(200);
    expect(view.body.evidence).toEqual([expect.objectContaining({ gateId: 'version-not-deployed', status: 'fail', blocking: true })]);
    const res = await request(backend.server)
      .post(`/api/promotions/requests/${again.id}/approve`)
      .set('Authorization', auth('bob'))
      .send({});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('already deployed');
  });
});
