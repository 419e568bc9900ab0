import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { runStep } from '@portico/portico-node';
import type { GraphGroup } from '../graph/GraphApi';
import { dryRun, graphFor, isNotFound, M365ActionOptions, UPN_PATTERN } from './shared';

export const OFFBOARD_ACTION_ID = 'm365:user:offboard';

/**
 * Offboards a leaving colleague: sign-in disabled, sessions revoked, group memberships and licences removed, files
 * shared with a successor. Each step is a checkpoint (a retried task does not redo a done step) and the `report`
 * output lists what was done and what was skipped, for review on the ticket.
 */
export function createOffboardAction(options: M365ActionOptions & { today?: () => string }) {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  return createTemplateAction({
    id: OFFBOARD_ACTION_ID,
    description:
      'Disables a Microsoft 365 user, revokes their sessions, removes their group memberships and licences, and shares their OneDrive with a successor.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Offboard bob on his last day and hand his files to his manager',
        example: [
          'steps:',
          '  - id: offboard',
          '    action: m365:user:offboard',
          '    input:',
          '      account: bob@contoso.example',
          "      lastDay: '2026-12-04'",
          '      handOverTo: carol@contoso.example',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        account: z => z.string().regex(UPN_PATTERN).describe('User principal name of the leaver'),
        lastDay: z => z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('YYYY-MM-DD; the run refuses to start before it'),
        handOverTo: z => z.string().regex(UPN_PATTERN).optional().describe('Who gets write access to their OneDrive'),
        removeGroups: z => z.boolean().default(true),
        removeLicences: z => z.boolean().default(true),
      },
      output: {
        userId: z => z.string(),
        report: z =>
          z.object({
            account: z.string(),
            signInDisabled: z.boolean(),
            sessionsRevoked: z.boolean(),
            groupsRemoved: z.array(z.string()),
            groupsSkipped: z.array(z.object({ group: z.string(), reason: z.string() })),
            licencesRemoved: z.array(z.string()),
            filesSharedWith: z.string().optional(),
          }),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { account, lastDay, handOverTo } = ctx.input;
      if (lastDay && lastDay > today()) {
        throw new InputError(`lastDay: ${lastDay} is still ahead; ${account} is offboarded on or after the last day`);
      }
      if (ctx.isDryRun) {
        dryRun(ctx, options, [
          `GET /v1.0/users/${account}`,
          'PATCH /v1.0/users/{id} accountEnabled: false',
          'POST /v1.0/users/{id}/revokeSignInSessions',
          'GET /v1.0/users/{id}/memberOf/microsoft.graph.group, then DELETE /v1.0/groups/{group}/members/{id}/$ref for each assigned group',
          'GET /v1.0/users/{id}/licenseDetails, then POST /v1.0/users/{id}/assignLicense removing them',
          ...(handOverTo ? [`POST /v1.0/users/{id}/drive/root/invite for ${handOverTo} (write)`] : []),
        ]);
        ctx.output('userId', 'dry-run');
        ctx.output('report', { account, signInDisabled: false, sessionsRevoked: false, groupsRemoved: [], groupsSkipped: [], licencesRemoved: [] });
        ctx.output('summary', `Dry run: ${account} would be offboarded`);
        return;
      }
      const { graph } = graphFor(options);
      const user = await graph.getUser(account, ctx.signal);
      const key = (step: string) => `m365.user.offboard.${user.id}.${step}`;

      await runStep(ctx, key('disable'), async () => {
        await graph.patch(`/users/${user.id}`, { accountEnabled: false }, ctx.signal);
      });
      await runStep(ctx, key('revoke'), async () => {
        await graph.post(`/users/${user.id}/revokeSignInSessions`, {}, ctx.signal);
      });

      const groups = ctx.input.removeGroups === false
        ? { removed: [] as string[], skipped: [] as { group: string; reason: string }[] }
        : await runStep(ctx, key('groups'), async () => {
            const memberOf = await graph.list<GraphGroup & { onPremisesSyncEnabled?: boolean | null }>(
              `/users/${user.id}/memberOf/microsoft.graph.group?$select=id,displayName,groupTypes,onPremisesSyncEnabled`,
              ctx.signal,
            );
            const removed: string[] = [];
            const skipped: { group: string; reason: string }[] = [];
            for (const group of memberOf) {
              if (group.groupTypes?.includes('DynamicMembership')) {
                skipped.push({ group: group.displayName, reason: 'dynamic membership (follows the user attributes)' });
              } else if (group.onPremisesSyncEnabled) {
                skipped.push({ group: group.displayName, reason: 'synchronised from on-premises Active Directory' });
              } else {
                try {
                  await graph.delete(`/groups/${group.id}/members/${user.id}/$ref`, ctx.signal);
                } catch (error) {
                  if (!isNotFound(error)) throw error;
                }
                removed.push(group.displayName);
              }
            }
            return { removed, skipped };
          });

      const licences = ctx.input.removeLicences === false
        ? []
        : await runStep(ctx, key('licences'), async () => {
            const details = await graph.list<{ skuId: string; skuPartNumber: string }>(
              `/users/${user.id}/licenseDetails`,
              ctx.signal,
            );
            if (details.length > 0) {
              await graph.post(
                `/users/${user.id}/assignLicense`,
                { addLicenses: [], removeLicenses: details.map(d => d.skuId) },
                ctx.signal,
              );
            }
            return details.map(d => d.skuPartNumber);
          });

      if (handOverTo) {
        await runStep(ctx, key('handover'), async () => {
          await graph.post(
            `/users/${user.id}/drive/root/invite`,
            {
              recipients: [{ email: handOverTo }],
              roles: ['write'],
              requireSignIn: true,
              sendInvitation: true,
              message: `${user.displayName ?? account} has left; their files are shared with you.`,
            },
            ctx.signal,
          );
        });
      }

      const report = {
        account: user.userPrincipalName,
        signInDisabled: true,
        sessionsRevoked: true,
        groupsRemoved: groups.removed,
        groupsSkipped: groups.skipped,
        licencesRemoved: licences,
        ...(handOverTo ? { filesSharedWith: handOverTo } : {}),
      };
      const summary = `${user.userPrincipalName}: sign-in disabled, sessions revoked, removed from ${groups.removed.length} group(s)${
        groups.skipped.length ? ` (${groups.skipped.length} skipped, see report)` : ''
      }, ${licences.length} licence(s) removed${handOverTo ? `, files shared with ${handOverTo}` : ''}.`;
      ctx.logger.info(summary);
      ctx.output('userId', user.id);
      ctx.output('report', report);
      ctx.output('summary', summary);
    },
  });
}
