import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Redactor, runStep } from '@portico/portico-node';
import { generatePassword } from '../secrets/password';
import type { OneTimeSecretSink } from '../secrets/OneTimeSecretClient';
import { dryRun, graphFor, M365ActionOptions, TICKET_ID_PATTERN, UPN_PATTERN } from './shared';

export const RESET_PASSWORD_ACTION_ID = 'm365:user:reset-password';

/**
 * Resets a Microsoft 365 password to a generated one that must be changed at next sign-in. The password goes only
 * to the service desk ticket, sealed, for its requester to reveal once: it is never logged, output or checkpointed.
 */
export function createResetPasswordAction(options: M365ActionOptions & { secrets: OneTimeSecretSink }) {
  return createTemplateAction({
    id: RESET_PASSWORD_ACTION_ID,
    description:
      'Resets a Microsoft 365 password (PATCH /users/{id} passwordProfile) and hands the temporary password to the ticket requester as a one-time reveal.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Reset the password of the account named in ticket SD-000123',
        example: [
          'steps:',
          '  - id: reset',
          '    action: m365:user:reset-password',
          '    input:',
          '      ticketId: SD-000123',
          '      account: alice@contoso.example',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ticketId: z => z.string().regex(TICKET_ID_PATTERN).describe('The service desk ticket whose requester reveals the password'),
        account: z => z.string().regex(UPN_PATTERN).describe('User principal name of the account'),
        forceChangePasswordNextSignIn: z => z.boolean().default(true).describe('Default true'),
        length: z => z.number().int().min(12).max(64).default(16).describe('Password length, default 16'),
      },
      output: {
        userId: z => z.string().describe('Entra object id of the user'),
        userPrincipalName: z => z.string(),
        delivery: z => z.string().describe('Where the password went: a one-time reveal on the ticket'),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { ticketId, account } = ctx.input;
      const force = ctx.input.forceChangePasswordNextSignIn ?? true;
      if (ctx.isDryRun) {
        dryRun(ctx, options, [
          `GET /v1.0/users/${account}`,
          `PATCH /v1.0/users/{id} with passwordProfile (forceChangePasswordNextSignIn: ${force}) and a generated password`,
          `POST /api/servicedesk/requests/${ticketId}/secret (sealed, revealed once to the requester)`,
        ]);
        ctx.output('userId', 'dry-run');
        ctx.output('userPrincipalName', account);
        ctx.output('delivery', 'servicedesk-one-time-reveal');
        ctx.output('summary', `Dry run: the password of ${account} would be reset`);
        return;
      }
      const { graph } = graphFor(options);
      const done = await runStep(ctx, `m365.user.reset-password.${ticketId}.${account}`, async () => {
        const user = await graph.getUser(account, ctx.signal);
        const password = generatePassword(ctx.input.length ?? 16);
        const redactor = new Redactor([password]);
        try {
          await graph.patch(
            `/users/${user.id}`,
            { passwordProfile: { password, forceChangePasswordNextSignIn: force } },
            ctx.signal,
          );
          // After the reset, so the requester never sees a password that did not take. If this fails the step
          // fails as a whole and a retry sets a new password.
          await options.secrets.store({
            ticketId,
            label: `Temporary password for ${user.userPrincipalName}`,
            secret: password,
            forAccount: user.userPrincipalName,
            signal: ctx.signal,
          });
        } catch (error) {
          throw redactor.redactError(error);
        }
        return { userId: user.id, userPrincipalName: user.userPrincipalName };
      });
      const summary = `Password of ${done.userPrincipalName} reset${
        force ? ' (to be changed at next sign-in)' : ''
      }; the requester of ${ticketId} can reveal the temporary password once on the ticket.`;
      ctx.logger.info(summary);
      ctx.output('userId', done.userId);
      ctx.output('userPrincipalName', done.userPrincipalName);
      ctx.output('delivery', 'servicedesk-one-time-reveal');
      ctx.output('summary', summary);
    },
  });
}
