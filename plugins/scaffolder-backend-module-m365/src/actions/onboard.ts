import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Redactor, runStep } from '@portico/portico-node';
import type { GraphUser } from '../graph/GraphApi';
import { generatePassword } from '../secrets/password';
import type { OneTimeSecretSink } from '../secrets/OneTimeSecretClient';
import { dryRun, graphFor, M365ActionOptions, TICKET_ID_PATTERN, UPN_PATTERN } from './shared';

export const ONBOARD_ACTION_ID = 'm365:user:onboard';

/**
 * Creates a Microsoft 365 user with a temporary password (a one-time reveal on the ticket, like a reset), then
 * assigns licences, adds the user to groups and sets the manager: one checkpoint per step.
 */
export function createOnboardAction(options: M365ActionOptions & { secrets: OneTimeSecretSink }) {
  return createTemplateAction({
    id: ONBOARD_ACTION_ID,
    description: 'Creates a Microsoft 365 user (POST /users) with licences, groups and manager; the first password is a one-time reveal on the ticket.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Onboard Dana in the finance team',
        example: [
          'steps:',
          '  - id: onboard',
          '    action: m365:user:onboard',
          '    input:',
          '      ticketId: SD-000124',
          '      displayName: Dana Lee',
          '      userPrincipalName: dana.lee@contoso.example',
          '      usageLocation: FR',
          '      licenceSkuIds: [c7df2760-2c81-4ef7-b578-5b5392b571df]',
          '      groups: [finance@contoso.example]',
          '      manager: carol@contoso.example',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ticketId: z => z.string().regex(TICKET_ID_PATTERN).describe('The ticket whose requester reveals the first password'),
        displayName: z => z.string().min(1).max(256),
        userPrincipalName: z => z.string().regex(UPN_PATTERN),
        mailNickname: z => z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional().describe('Default: the part before @'),
        givenName: z => z.string().max(64).optional(),
        surname: z => z.string().max(64).optional(),
        jobTitle: z => z.string().max(128).optional(),
        department: z => z.string().max(64).optional(),
        usageLocation: z => z.string().regex(/^[A-Z]{2}$/).optional().describe('ISO country code; needed for licences'),
        licenceSkuIds: z => z.array(z.string().uuid()).default([]),
        groups: z => z.array(z.string().min(1)).default([]).describe('Group ids, e-mail addresses or names'),
        manager: z => z.string().regex(UPN_PATTERN).optional(),
      },
      output: {
        userId: z => z.string(),
        userPrincipalName: z => z.string(),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const licences = input.licenceSkuIds ?? [];
      const groups = input.groups ?? [];
      if (ctx.isDryRun) {
        dryRun(ctx, options, [
          `POST /v1.0/users for ${input.userPrincipalName} with a generated password (one-time reveal on ${input.ticketId})`,
          ...(licences.length ? [`POST /v1.0/users/{id}/assignLicense with ${licences.length} licence(s)`] : []),
          ...groups.map(g => `POST /v1.0/groups/{${g}}/members/$ref`),
          ...(input.manager ? [`PUT /v1.0/users/{id}/manager/$ref to ${input.manager}`] : []),
        ]);
        ctx.output('userId', 'dry-run');
        ctx.output('userPrincipalName', input.userPrincipalName);
        ctx.output('summary', `Dry run: ${input.userPrincipalName} would be created`);
        return;
      }
      const { graph, settings } = graphFor(options);
      const usageLocation = input.usageLocation ?? settings.defaultUsageLocation;
      if (licences.length && !usageLocation) {
        throw new InputError('usageLocation: needed to assign licences (or set portico.integrations.microsoftGraph.defaultUsageLocation)');
      }
      const upn = input.userPrincipalName;
      const key = (step: string) => `m365.user.onboard.${upn}.${step}`;

      const created = await runStep(ctx, key('create'), async () => {
        const password = generatePassword();
        const redactor = new Redactor([password]);
        try {
          const user = await graph.post<GraphUser>(
            '/users',
            {
              accountEnabled: true,
              displayName: input.displayName,
              mailNickname: input.mailNickname ?? upn.split('@')[0].replace(/[^A-Za-z0-9._-]/g, ''),
              userPrincipalName: upn,
              ...(input.givenName ? { givenName: input.givenName } : {}),
              ...(input.surname ? { surname: input.surname } : {}),
              ...(input.jobTitle ? { jobTitle: input.jobTitle } : {}),
              ...(input.department ? { department: input.department } : {}),
              ...(usageLocation ? { usageLocation } : {}),
              passwordProfile: { password, forceChangePasswordNextSignIn: true },
            },
            ctx.signal,
          );
          await options.secrets.store({
            ticketId: input.ticketId,
            label: `First password for ${upn}`,
            secret: password,
            signal: ctx.signal,
          });
          return { id: user.id };
        } catch (error) {
          throw redactor.redactError(error);
        }
      });

      if (licences.length) {
        await runStep(ctx, key('licences'), async () => {
          await graph.post(
            `/users/${created.id}/assignLicense`,
            { addLicenses: licences.map(skuId => ({ skuId, disabledPlans: [] })), removeLicenses: [] },
            ctx.signal,
          );
        });
      }
      for (const name of groups) {
        await runStep(ctx, key(`group.${name}`), async () => {
          const group = await graph.findGroup(name, ctx.signal);
          if (!group) throw new InputError(`groups: no group '${name}' in the directory`);
          await graph.post(`/groups/${group.id}/members/$ref`, { '@odata.id': graph.ref('directoryObjects', created.id) }, ctx.signal);
        });
      }
      if (input.manager) {
        await runStep(ctx, key('manager'), async () => {
          const manager = await graph.getUser(input.manager!, ctx.signal);
          await graph.put(`/users/${created.id}/manager/$ref`, { '@odata.id': graph.ref('users', manager.id) }, ctx.signal);
        });
      }
      const summary = `${upn} created with ${licences.length} licence(s), ${groups.length} group(s)${
        input.manager ? `, manager ${input.manager}` : ''
      }; the requester of ${input.ticketId} can reveal the first password once on the ticket.`;
      ctx.logger.info(summary);
      ctx.output('userId', created.id);
      ctx.output('userPrincipalName', upn);
      ctx.output('summary', summary);
    },
  });
}
