import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { runStep } from '@portico/portico-node';
import { dryRun, graphFor, M365ActionOptions, UPN_PATTERN } from './shared';

export const CREATE_CHANNEL_ACTION_ID = 'm365:teams:create-channel';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A channel in a team (POST /teams/{id}/channels). With application permissions a private channel needs an owner
 * among its members, so `owner` is required for private ones.
 */
export function createTeamsChannelAction(options: M365ActionOptions) {
  return createTemplateAction({
    id: CREATE_CHANNEL_ACTION_ID,
    description: 'Creates a standard or private channel in a Microsoft Teams team through Microsoft Graph.',
    supportsDryRun: true,
    examples: [
      {
        description: 'A private channel in the Platform team, owned by the requester',
        example: [
          'steps:',
          '  - id: channel',
          '    action: m365:teams:create-channel',
          '    input:',
          '      team: Platform',
          '      channelName: incidents',
          '      private: true',
          '      owner: alice@contoso.example',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        team: z => z.string().min(1).describe('Team id or display name'),
        channelName: z => z.string().min(1).max(50).regex(/^[^~#%&*{}+/\\:<>?|'".]+$/, 'no ~ # % & * { } + / \\ : < > ? | \' " .'),
        description: z => z.string().max(1024).optional(),
        private: z => z.boolean().default(false),
        owner: z => z.string().regex(UPN_PATTERN).optional().describe('Required for a private channel'),
      },
      output: {
        channelId: z => z.string(),
        webUrl: z => z.string(),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { team, channelName, owner } = ctx.input;
      const isPrivate = ctx.input.private ?? false;
      if (isPrivate && !owner) throw new InputError('owner: a private channel needs an owner');
      if (ctx.isDryRun) {
        dryRun(ctx, options, [
          GUID.test(team) ? `team ${team}` : `GET /v1.0/teams?$filter=displayName eq '${team}'`,
          `POST /v1.0/teams/{id}/channels { displayName: ${channelName}, membershipType: ${isPrivate ? 'private' : 'standard'} }`,
        ]);
        ctx.output('channelId', 'dry-run');
        ctx.output('webUrl', 'dry-run');
        ctx.output('summary', `Dry run: channel ${channelName} would be created in ${team}`);
        return;
      }
      const { graph } = graphFor(options);
      const channel = await runStep(ctx, `m365.teams.create-channel.${team}.${channelName}`, async () => {
        let teamId = team;
        if (!GUID.test(team)) {
          const found = await graph.get<{ value: { id: string }[] }>(
            `/teams?$filter=displayName eq '${encodeURIComponent(team.replace(/'/g, "''"))}'&$select=id`,
            ctx.signal,
          );
          if (found.value.length !== 1) {
            throw new InputError(`team: ${found.value.length === 0 ? 'no team' : 'several teams'} named '${team}'`);
          }
          teamId = found.value[0].id;
        }
        const members = isPrivate
          ? [
              {
                '@odata.type': '#microsoft.graph.aadUserConversationMember',
                'user@odata.bind': graph.ref('users', (await graph.getUser(owner!, ctx.signal)).id),
                roles: ['owner'],
              },
            ]
          : undefined;
        const created = await graph.post<{ id: string; webUrl: string }>(
          `/teams/${teamId}/channels`,
          {
            displayName: channelName,
            ...(ctx.input.description ? { description: ctx.input.description } : {}),
            membershipType: isPrivate ? 'private' : 'standard',
            ...(members ? { members } : {}),
          },
          ctx.signal,
        );
        return { id: created.id, webUrl: created.webUrl };
      });
      const summary = `Channel ${channelName} created in ${team}: ${channel.webUrl}`;
      ctx.logger.info(summary);
      ctx.output('channelId', channel.id);
      ctx.output('webUrl', channel.webUrl);
      ctx.output('summary', summary);
    },
  });
}
