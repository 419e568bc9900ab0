import type { AuditorService, AuditorServiceCreateEventOptions } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { ApprovalRule, type ApproverSet, type ApprovalSubject } from './ApprovalRule';

function recordingAuditor() {
  const records: Array<AuditorServiceCreateEventOptions & { outcome?: string; error?: string }> = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const record: (typeof records)[number] = { ...options };
      records.push(record);
      return {
        async success() {
          record.outcome = 'success';
        },
        async fail({ error }) {
          record.outcome = 'fail';
          record.error = error.message;
        },
      };
    },
  };
  return { auditor, records };
}

const subject: ApprovalSubject = {
  kind: 'risk acceptance',
  id: 'ra-1',
  requestedBy: 'user:default/alice',
  state: 'PENDING',
  requiredApprovals: 2,
};

const target = { kind: 'risk acceptance', id: 'ra-1' };

const approvers: ApproverSet = {
  groups: ['group:default/security'],
  allows: d => d.groups.includes('group:default/ciso'),
  excludedGroups: ['group:default/payments-team'],
  describe: 'members of security',
};

const bob = { userRef: 'user:default/bob', groups: ['group:default/security'] };
const carol = { userRef: 'user:default/carol', groups: ['group:default/ciso'] };

describe('ApprovalRule', () => {
  it('never lets the requester decide, even as an approver, and audits the refusal with the why', async () => {
    const { auditor, records } = recordingAuditor();
    const rule = new ApprovalRule({ auditor });
    const apply = jest.fn();
    const alice = { userRef: 'User:default/Alice', groups: ['group:default/security'] };
    for (const decision of ['approve', 'reject'] as const) {
      await expect(rule.decide({ decider: alice, decision, target, load: async () => ({ subject, approvers }) }, apply)).rejects.toThrow(
        new NotAllowedError(
          `You requested this risk acceptance, so you cannot ${decision} it: members of security other than you must decide`,
        ),
      );
    }
    expect(apply).not.toHaveBeenCalled();
    expect(records).toEqual([
      expect.objectContaining({
        eventId: 'approval-decision',
        meta: { kind: 'risk acceptance', subjectId: 'ra-1', decision: 'approve', actor: 'User:default/Alice' },
        outcome: 'fail',
        error: expect.stringContaining('You requested this risk acceptance'),
      }),
      expect.objectContaining({ outcome: 'fail', meta: expect.objectContaining({ decision: 'reject' }) }),
    ]);
  });

  it('audits refusals of the plugin\'s own preconditions, read inside the audit', async () => {
    const { auditor, records } = recordingAuditor();
    const rule = new ApprovalRule({ auditor });
    await expect(
      rule.decide(
        {
          decider: bob,
          decision: 'approve',
          target,
          load: async () => {
            throw new NotAllowedError('You need the security.risk.approve permission');
          },
        },
        async () => 'never',
      ),
    ).rejects.toThrow('You need the security.risk.approve permission');
    expect(records).toEqual([
      expect.objectContaining({
        meta: { kind: 'risk acceptance', subjectId: 'ra-1', decision: 'approve', actor: 'user:default/bob' },
        outcome: 'fail',
        error: 'You need the security.risk.approve permission',
      }),
    ]);
  });

  it('admits the approver set (groups or predicate) and refuses outsiders and excluded groups', () => {
    const rule = new ApprovalRule({ auditor: recordingAuditor().auditor });
    expect(() => rule.check({ decider: bob, subject, approvers, decision: 'approve' })).not.toThrow();
    expect(() => rule.check({ decider: carol, subject, approvers, decision: 'approve' })).not.toThrow();
    expect(() =>
      rule.check({ decider: { userRef: 'user:default/erin', groups: [] }, subject, approvers, decision: 'reject' }),
    ).toThrow('Only members of security can reject this risk acceptance');
    const dual = { userRef: 'user:default/dave', groups: ['group:default/security', 'Group:default/Payments-Team'] };
    expect(() => rule.check({ decider: dual, subject, approvers, decision: 'approve' })).toThrow(
      /Members of group:default\/payments-team cannot approve this risk acceptance \(separation of duties\)/,
    );
    expect(rule.isApprover(dual, approvers)).toBe(false);
  });

  it('counts distinct approvers and refuses a second approval by the same person', async () => {
    const { auditor, records } = recordingAuditor();
    const rule = new ApprovalRule({ auditor });
    const first = await rule.decide({ decider: bob, decision: 'approve', target, load: async () => ({ subject, approvers, recorded: [] }) }, async t => t);
    expect(first).toEqual({ approvers: ['user:default/bob'], complete: false, remaining: 1 });
    const recorded = [{ approver: 'user:default/bob', at: 1 }];
    await expect(
      rule.decide({ decider: bob, decision: 'approve', target, load: async () => ({ subject, approvers, recorded }) }, async t => t),
    ).rejects.toThrow(new ConflictError('You already approved this risk acceptance; it waits for 1 more approver(s)'));
    const second = await rule.decide({ decider: carol, decision: 'approve', target, load: async () => ({ subject, approvers, recorded }) }, async t => t);
    expect(second).toEqual({ approvers: ['user:default/bob', 'user:default/carol'], complete: true, remaining: 0 });
    expect(records.map(r => r.outcome)).toEqual(['success', 'fail', 'success']);
  });

  it('audits a lost race with both states named, under the caller\'s event id and meta', async () => {
    const { auditor, records } = recordingAuditor();
    const rule = new ApprovalRule({ auditor });
    await expect(
      rule.decide(
        {
          decider: bob,
          decision: 'reject',
          target,
          load: async () => ({ subject, approvers }),
          audit: { eventId: 'risk-decision', meta: { id: 'ra-1' } },
        },
        async () => {
          throw ApprovalRule.lostRace(subject, 'reject', 'ACCEPTED');
        },
      ),
    ).rejects.toThrow(
      new ConflictError(
        'The risk acceptance is now ACCEPTED; it was PENDING when your reject started and another change came first, so it cannot be rejected',
      ),
    );
    expect(records).toEqual([expect.objectContaining({ eventId: 'risk-decision', meta: { id: 'ra-1' }, outcome: 'fail' })]);
  });
});
