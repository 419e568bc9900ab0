import { demoOrgEntities, FakeClock } from './testBackend';

describe('demoOrgEntities', () => {
  it('makes one group per named group with its members, and one user per user', () => {
    const entities = demoOrgEntities(
      { 'user:default/alice': ['sre', 'payments-team'], 'user:default/bob': ['sre'] },
      { emptyGroups: ['nobody'] },
    );
    const sre = entities.find(e => e.kind === 'Group' && e.metadata.name === 'sre');
    expect(sre?.relations?.map(r => r.targetRef)).toEqual([
      'user:default/alice',
      'user:default/bob',
    ]);
    const nobody = entities.find(e => e.metadata.name === 'nobody');
    expect(nobody?.relations).toEqual([]);
    const alice = entities.find(e => e.kind === 'User' && e.metadata.name === 'alice');
    expect((alice?.spec as any).profile.email).toBe('alice@portico.example');
    expect(entities.filter(e => e.kind === 'User')).toHaveLength(2);
  });
});

describe('FakeClock', () => {
  it('moves only when told', () => {
    const clock = new FakeClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
  });
});
