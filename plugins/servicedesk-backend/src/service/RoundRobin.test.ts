import { nextAssignee } from './RoundRobin';

describe('round-robin', () => {
  const team = ['user:default/ivan', 'user:default/heidi', 'user:default/kim'];

  it('goes through the members in a stable order and wraps around', () => {
    let last: string | undefined;
    const picks: string[] = [];
    for (let i = 0; i < 5; i++) {
      last = nextAssignee(team, last);
      picks.push(last!);
    }
    expect(picks).toEqual([
      'user:default/heidi',
      'user:default/ivan',
      'user:default/kim',
      'user:default/heidi',
      'user:default/ivan',
    ]);
  });

  it('continues after a member who left the team', () => {
    expect(nextAssignee(['user:default/heidi', 'user:default/kim'], 'user:default/ivan')).toBe('user:default/kim');
  });

  it('leaves the ticket in the queue when nobody is in the team', () => {
    expect(nextAssignee([], 'user:default/heidi')).toBeUndefined();
  });
});
