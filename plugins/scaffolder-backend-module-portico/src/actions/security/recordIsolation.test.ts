import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createRecordIsolationAction } from './recordIsolation';
import { SecurityClient } from './SecurityClient';

const SECURITY = 'http://security.test/api/security';
const FINDING = '0b7e3c1a-6a55-4a3e-9d61-2f8a9f1e4c21';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = new SecurityClient({
  discovery: mockServices.discovery.mock({ getBaseUrl: async () => SECURITY }),
  auth: mockServices.auth(),
});

function context(dryRun = false) {
  const ctx = createMockActionContext({
    input: {
      findingId: FINDING,
      containerId: '4f1c2a9b3d7e',
      summary: 'Isolated payments-gateway (4f1c2a9b3d7e): snapshot, then stop',
      steps: ['commit', 'stop'],
      snapshotImage: 'portico-isolation/payments-gateway:20261205t101500',
    },
  });
  (ctx as any).isDryRun = dryRun;
  (ctx as any).getInitiatorCredentials = async () => mockCredentials.user('user:default/frank');
  return ctx;
}

describe('security:finding:record-isolation', () => {
  it("posts the result to the finding as the task's initiator", async () => {
    const seen: Array<{ body: unknown; authorization: string | null }> = [];
    server.use(
      http.post(`${SECURITY}/findings/${FINDING}/isolations`, async ({ request }) => {
        seen.push({ body: await request.json(), authorization: request.headers.get('authorization') });
        return HttpResponse.json({ findingId: FINDING, ticketId: 'SD-000042' }, { status: 201 });
      }),
    );
    const ctx = context();
    await createRecordIsolationAction({ client }).handler(ctx as any);
    expect(seen).toHaveLength(1);
    expect(seen[0].body).toMatchObject({
      containerId: '4f1c2a9b3d7e',
      steps: ['commit', 'stop'],
      snapshotImage: 'portico-isolation/payments-gateway:20261205t101500',
    });
    expect(seen[0].authorization).toContain('user:default/frank');
    expect(ctx.output).toHaveBeenCalledWith('ticketId', 'SD-000042');
  });

  it("keeps the server's refusal, and calls nothing in a dry run", async () => {
    server.use(
      http.post(`${SECURITY}/findings/${FINDING}/isolations`, () =>
        // The Backstage error body, as the security backend's error handler writes it.
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'You need the security.finding.triage permission' },
            request: { method: 'POST', url: `/api/security/findings/${FINDING}/isolations` },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(createRecordIsolationAction({ client }).handler(context() as any)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Could not record the isolation on finding ${FINDING}: You need the security.finding.triage permission`,
    });
    server.resetHandlers();
    const dry = context(true);
    await createRecordIsolationAction({ client }).handler(dry as any);
    expect(dry.output).not.toHaveBeenCalled();
  });
});
