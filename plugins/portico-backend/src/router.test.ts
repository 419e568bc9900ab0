import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { startEventsTestBackend } from './__testUtils__/eventsTestBackend';

const admin = mockCredentials.user('user:default/judy');
const developer = mockCredentials.user('user:default/alice');

describe('portico backend: events API', () => {
  it('lists every outbox newest first, with delivery state, for portal admins', async () => {
    const { server, written } = await startEventsTestBackend();
    const res = await request(server)
      .get('/api/portico/events')
      .set(
        'Authorization',
        mockCredentials.user.header(admin.principal.userEntityRef),
      );
    expect(res.status).toBe(200);
    expect(res.body.plugins).toEqual(['promotions']);
    expect(res.body.items.map((i: any) => i.event.id)).toEqual(
      [...written].reverse().map(e => e.id),
    );
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({
        plugin: 'promotions',
        state: 'pending',
        attempts: 0,
        targets: { events: null },
      }),
    );
  });

  it('pages with a cursor and filters by subject and state', async () => {
    const { server, written, demo } = await startEventsTestBackend();
    const auth = mockCredentials.user.header(admin.principal.userEntityRef);
    const first = await request(server)
      .get('/api/portico/events?limit=2')
      .set('Authorization', auth);
    expect(first.body.items).toHaveLength(2);
    const second = await request(server)
      .get(`/api/portico/events?limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', auth);
    expect(second.body.items.map((i: any) => i.event.id)).toEqual([
      written[0].id,
    ]);
    expect(second.body.nextCursor).toBeUndefined();

    const bySubject = await request(server)
      .get('/api/portico/events?subject=promotion:2')
      .set('Authorization', auth);
    expect(bySubject.body.items.map((i: any) => i.event.data.n)).toEqual([2]);

    await demo.events().relay.runOnce();
    const delivered = await request(server)
      .get('/api/portico/events?state=delivered')
      .set('Authorization', auth);
    expect(delivered.body.items).toHaveLength(3);
    expect(delivered.body.items[0].targets.events).toEqual(expect.any(String));
  });

  it('says which filter is wrong', async () => {
    const { server } = await startEventsTestBackend();
    const auth = mockCredentials.user.header(admin.principal.userEntityRef);
    const badTopic = await request(server)
      .get('/api/portico/events?topic=promotions')
      .set('Authorization', auth);
    expect(badTopic.status).toBe(400);
    expect(badTopic.body.error.message).toMatch(/^topic: /);
    const badLimit = await request(server)
      .get('/api/portico/events?limit=5000')
      .set('Authorization', auth);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/^limit: /);
    const unknown = await request(server)
      .get('/api/portico/events?colour=red')
      .set('Authorization', auth);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('colour');
    const badPlugin = await request(server)
      .get('/api/portico/events?plugin=apim')
      .set('Authorization', auth);
    expect(badPlugin.status).toBe(400);
    expect(badPlugin.body.error.message).toMatch(
      /^plugin: no outbox named 'apim'/,
    );
  });

  it('refuses anonymous callers and people without the permission', async () => {
    const { server } = await startEventsTestBackend();
    await request(server)
      .get('/api/portico/events')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    const forbidden = await request(server)
      .get('/api/portico/events')
      .set(
        'Authorization',
        mockCredentials.user.header(developer.principal.userEntityRef),
      );
    expect(forbidden.status).toBe(403);
  });

  it('retries a pending event now, refuses a delivered one, 404s an unknown one', async () => {
    const { server, written, demo } = await startEventsTestBackend();
    const auth = mockCredentials.user.header(admin.principal.userEntityRef);
    await request(server)
      .post(`/api/portico/events/promotions/${written[0].id}/retry`)
      .set('Authorization', auth)
      .expect(204);
    await request(server)
      .post(`/api/portico/events/promotions/${written[0].id}/retry`)
      .set(
        'Authorization',
        mockCredentials.user.header(developer.principal.userEntityRef),
      )
      .expect(403);
    await demo.events().relay.runOnce();
    const conflict = await request(server)
      .post(`/api/portico/events/promotions/${written[0].id}/retry`)
      .set('Authorization', auth);
    expect(conflict.status).toBe(409);
    await request(server)
      .post(
        '/api/portico/events/promotions/00000000-0000-4000-8000-000000000000/retry',
      )
      .set('Authorization', auth)
      .expect(404);
    await request(server)
      .post('/api/portico/events/promotions/not-an-id/retry')
      .set('Authorization', auth)
      .expect(400);
  });

  it('shows a parked event as dead letter with its last error, and Retry makes it due again', async () => {
    const { server, written, demo, knex } = await startEventsTestBackend();
    const auth = mockCredentials.user.header(admin.principal.userEntityRef);
    const runId = 'test-run';
    await knex('portico_outbox')
      .update({ claimed_by: runId })
      .where({ id: written[1].id });
    await demo.events().store.markFailed({
      runId,
      ids: [written[1].id],
      error: 'kafka: ProducerMessageError: MESSAGE_TOO_LARGE',
      now: Date.now(),
      nextAttemptAt: Date.now() + 60_000,
      eventFailure: true,
      park: true,
    });
    const dead = await request(server)
      .get('/api/portico/events?state=dead-letter')
      .set('Authorization', auth);
    expect(dead.status).toBe(200);
    expect(dead.body.items).toEqual([
      expect.objectContaining({
        state: 'dead-letter',
        attempts: 1,
        lastError: 'kafka: ProducerMessageError: MESSAGE_TOO_LARGE',
      }),
    ]);
    expect(dead.body.items[0].nextAttemptAt).toBeUndefined();
    const pending = await request(server)
      .get('/api/portico/events?state=pending')
      .set('Authorization', auth);
    expect(pending.body.items).toHaveLength(2);

    await request(server)
      .post(`/api/portico/events/promotions/${written[1].id}/retry`)
      .set('Authorization', auth)
      .expect(204);
    const after = await request(server)
      .get(`/api/portico/events/promotions/${written[1].id}`)
      .set('Authorization', auth);
    expect(after.body.state).toBe('failing');
    await demo.events().relay.runOnce();
    const delivered = await request(server)
      .get('/api/portico/events?state=delivered')
      .set('Authorization', auth);
    expect(delivered.body.items).toHaveLength(3);
  });
});
