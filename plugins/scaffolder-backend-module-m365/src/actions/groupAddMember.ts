import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { IntegrationHttpError, runStep } from '@portico/portico-node';
import { dryRun, graphFor, M365ActionOptions, UPN_PATTERN } from './shared';

export const GROUP_ADD_MEMBER_ACTION_ID = 'm365:group:add-member';

function alreadyMember(error: unknown): boolean {
  return (
    error instanceof IntegrationHttpError &&
    error.status === 400 &&
    /already exist/i.test(error.vendorMessage)
  );
}

/**
 * Adds people to a Microsoft 365 group or a security group (POST /groups/{id}/members/$ref): the distribution-list
 * service with Microsoft 365 groups. Classic Exchange distribution lists and mail-enabled security groups are
 * read-only in Graph (see the README).
 */
export function createGroupAddMemberAction(options: M365ActionOptions) {
  return createTemplateAction({
    id: GROUP_ADD_MEMBER_ACTION_ID,
    description: 'Adds members to a Microsoft 365 group (the mailing list of the distribution-list service) through Microsoft Graph.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Add two people to the sales list',
        example: [
          'steps:',
          '  - id: members',
          '    action: m365:group:add-member',
          '    input:',
          '      group: sales@contoso.example',
          '      members: [alice@contoso.example, bob@contoso.example]',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        group: z => z.string().min(1).describe('Group id, e-mail address or display name'),
        members: z => z.array(z.string().regex(UPN_PATTERN)).min(1).max(100).describe('User principal names'),
      },
      output: {
        groupId: z => z.string(),
        added: z => z.array(z.string()),
        alreadyMembers: z => z.array(z.string()),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { group, members } = ctx.input;
      if (ctx.isDryRun) {
        dryRun(ctx, options, [
          `find group ${group} (GET /v1.0/groups)`,
          ...members.map(m => `GET /v1.0/users/${m}, then POST /v1.0/groups/{id}/members/$ref`),
        ]);
        ctx.output('groupId', 'dry-run');
        ctx.output('added', []);
        ctx.output('alreadyMembers', []);
        ctx.output('summary', `Dry run: ${members.length} member(s) would be added to ${group}`);
        return;
      }
      const { graph } = graphFor(options);
      const found = await graph.findGroup(group, ctx.signal);
      if (!found) throw new InputError(`group: no group '${group}' in the directory`);
      if (!found.groupTypes?.includes('Unified') && found.mailEnabled) {
        throw new InputError(
          `group: ${group} is a classic distribution list or mail-enabled security group, which Microsoft Graph cannot change; an Exchange administrator adds the members`,
        );
      }
      const added: string[] = [];
      const alreadyMembers: string[] = [];
      for (const member of members) {
        const outcome = await runStep(ctx, `m365.group.add-member.${found.id}.${member}`, async () => {
          const user = await graph.getUser(member, ctx.signal);
          try {
            await graph.post(`/groups/${found.id}/members/$ref`, { '@odata.id': graph.ref('directoryObjects', user.id) }, ctx.signal);
            return 'added';
          } catch (error) {
            if (alreadyMember(error)) return 'already';
            throw error;
          }
        });
        (outcome === 'added' ? added : alreadyMembers).push(member);
      }
      const summary = `${found.displayName}: ${added.length} added${alreadyMembers.length ? `, ${alreadyMembers.length} already member(s)` : ''}.`;
      ctx.logger.info(summary);
      ctx.output('groupId', found.id);
      ctx.output('added', added);
      ctx.output('alreadyMembers', alreadyMembers);
      ctx.output('summary', summary);
    },
  });
}
