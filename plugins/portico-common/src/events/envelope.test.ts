import { porticoEventSchema } from './envelope';

const valid = {
  id: '0b8f5c1e-6a53-4a9e-9d1c-2f5b7a3c8e10',
  topic: 'promotion-requests',
  type: 'request-approved',
  occurredAt: '2026-11-21T10:00:00.000Z',
  actor: 'user:default/bob',
  subject: 'promotion:42',
  tenant: 'acme',
  data: { component: 'component:default/payments-gateway', version: '1.4.0' },
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
};

describe('porticoEventSchema', () => {
  it('accepts a complete event', () => {
    expect(porticoEventSchema.parse(valid)).toEqual(valid);
  });

  it('accepts an event without a tenant', () => {
    const { tenant, ...noTenant } = valid;
    expect(porticoEventSchema.safeParse(noTenant).success).toBe(true);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['topic', { topic: 'promotions' }],
    ['type', { type: 'RequestApproved' }],
    ['occurredAt', { occurredAt: 'yesterday' }],
    ['actor', { actor: 'bob' }],
    ['subject', { subject: '' }],
    ['data', { data: 'approved' }],
  ])('names %s when it is wrong', (field, change) => {
    const result = porticoEventSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.path[0])).toContain(field);
  });

  it('refuses a type that the topic does not carry', () => {
    const result = porticoEventSchema.safeParse({ ...valid, type: 'deploy-requested' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain("topic 'promotion-requests' carries types");
  });
});
