import { tagAnnotation, validateLifecycleTags, MANDATORY_TAGS, normalizeGroupRef } from './tags';

const VALID = {
  environment: 'sandbox',
  owner: 'group:default/payments-team',
  project: 'shipping',
  'cost-center': 'CC-1042',
  ttl: '7d',
  'created-at': '2026-12-01T09:00:00Z',
  'auto-teardown': 'true',
  'data-class': 'internal',
};

const annotations = (tags: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries(tags)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [tagAnnotation(k as any), v as string]),
  );

describe('validateLifecycleTags', () => {
  it('reads a complete, valid set', () => {
    const { tags, violations } = validateLifecycleTags(annotations(VALID), 'payments-team');
    expect(violations).toEqual([]);
    expect(tags).toEqual({
      environment: 'sandbox',
      owner: 'group:default/payments-team',
      project: 'shipping',
      costCenter: 'CC-1042',
      ttlMs: 7 * 24 * 3600_000,
      createdAt: Date.parse('2026-12-01T09:00:00Z'),
      autoTeardown: true,
      dataClass: 'internal',
    });
  });

  it('names every missing tag', () => {
    const { violations } = validateLifecycleTags({});
    expect(violations.map(v => v.tag)).toEqual([...MANDATORY_TAGS]);
    expect(violations[0].message).toContain('lifecycle.portico.io/environment');
  });

  it.each([
    ['environment', 'production', 'must be one of'],
    ['owner', 'not a ref!', 'group ref'],
    ['cost-center', 'x', 'cost centre'],
    ['ttl', '7 days', 'duration'],
    ['ttl', '31d', 'at most 30d'],
    ['ttl', 'none', 'prod only'],
    ['created-at', '2026-12-01', 'ISO 8601'],
    ['auto-teardown', 'yes', 'true or false'],
    ['data-class', 'secret', 'must be one of'],
  ])('refuses %s=%s', (tag, value, message) => {
    const { violations, tags } = validateLifecycleTags(annotations({ ...VALID, [tag]: value }));
    expect(violations).toEqual([{ tag, message: expect.stringContaining(message) }]);
    expect(Object.keys(tags)).toHaveLength(7);
  });

  it('allows a long or absent TTL in prod only', () => {
    expect(validateLifecycleTags(annotations({ ...VALID, environment: 'prod', ttl: 'none' })).violations).toEqual([]);
    expect(validateLifecycleTags(annotations({ ...VALID, environment: 'prod', ttl: '90d' })).violations).toEqual([]);
  });

  it('requires the owner tag to match spec.owner', () => {
    const { violations } = validateLifecycleTags(annotations(VALID), 'group:default/commerce-team');
    expect(violations).toEqual([{ tag: 'owner', message: expect.stringContaining('spec.owner') }]);
  });

  it('normalizes group refs', () => {
    expect(normalizeGroupRef('Payments-Team')).toBe('group:default/payments-team');
    expect(normalizeGroupRef('group:other/x')).toBe('group:other/x');
  });
});
