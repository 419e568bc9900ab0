import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeDryRun,
  IntegrationHttpClient,
  IntegrationHttpError,
  IntegrationNotConfiguredError,
  readRetryPolicy,
  Redactor,
  requireIntegrationConfig,
  runStep,
} from '@portico/portico-node';

export const SLACK_MESSAGE_ACTION_ID = 'notify:slack:message';
export const TEAMS_MESSAGE_ACTION_ID = 'notify:teams:message';

function slackTransport(config: Config) {
  const key = 'portico.integrations.slack';
  const section = config.getOptionalConfig(key);
  const webhookUrl = section?.getOptionalString('webhookUrl');
  const botToken = section?.getOptionalString('botToken');
  if (!webhookUrl && !botToken) throw new IntegrationNotConfiguredError('Slack', `${key}.webhookUrl (or ${key}.botToken)`);
  const redactor = new Redactor([webhookUrl, botToken]);
  if (botToken) {
    return {
      kind: 'api' as const,
      defaultChannel: section!.getOptionalString('defaultChannel'),
      client: new IntegrationHttpClient({
        system: 'Slack',
        baseUrl: section!.getOptionalString('apiBaseUrl') ?? 'https://slack.com/api',
        headers: () => ({ Authorization: `Bearer ${botToken}` }),
        policy: readRetryPolicy(section),
        redactor,
      }),
    };
  }
  return {
    kind: 'webhook' as const,
    defaultChannel: undefined,
    client: new IntegrationHttpClient({ system: 'Slack', baseUrl: webhookUrl!, headers: () => ({}), policy: readRetryPolicy(section), redactor }),
  };
}

/**
 * Posts to Slack: through the incoming webhook (its channel is fixed by the webhook) or, with a bot token, through
 * the Web API's chat.postMessage, whose HTTP 200 may still say `ok: false`.
 */
export function createSlackMessageAction(options: { config: Config }) {
  return createTemplateAction({
    id: SLACK_MESSAGE_ACTION_ID,
    description: 'Posts a message to Slack (incoming webhook or chat.postMessage).',
    supportsDryRun: true,
    examples: [
      {
        description: 'Tell the platform channel a deployment is done',
        example: [
          'steps:',
          '  - id: slack',
          '    action: notify:slack:message',
          '    input:',
          "      channel: '#platform'",
          "      text: 'payments-gateway 1.4.2 is live in PROD'",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        text: z => z.string().min(1).max(3000).describe('Message (Slack mrkdwn)'),
        channel: z => z.string().max(80).optional().describe('Channel id or #name (Web API only; a webhook has its own)'),
      },
      output: {
        delivered: z => z.boolean(),
        ts: z => z.string().optional().describe('Message timestamp (Web API only)'),
      },
    },
    async handler(ctx) {
      const { text } = ctx.input;
      if (ctx.isDryRun) {
        describeDryRun(ctx, 'Slack', [`post ${text.length} characters${ctx.input.channel ? ` to ${ctx.input.channel}` : ''}`]);
        ctx.output('delivered', false);
        return;
      }
      const transport = slackTransport(options.config);
      const ts = await runStep(ctx, `notify.slack.${ctx.input.channel ?? 'default'}.${text.slice(0, 40)}`, async () => {
        if (transport.kind === 'webhook') {
          await transport.client.request({ method: 'POST', path: '', body: { text }, signal: ctx.signal });
          return '';
        }
        const channel = ctx.input.channel ?? transport.defaultChannel;
        if (!channel) throw new IntegrationNotConfiguredError('Slack', 'portico.integrations.slack.defaultChannel (or the step input channel)');
        const { body } = await transport.client.request<{ ok: boolean; error?: string; ts?: string }>({
          method: 'POST',
          path: 'chat.postMessage',
          body: { channel, text },
          signal: ctx.signal,
        });
        if (!body.ok) throw new IntegrationHttpError('Slack', 200, body.error ?? 'not ok');
        return body.ts ?? '';
      });
      ctx.output('delivered', true);
      if (ts) ctx.output('ts', ts);
    },
  });
}

/** Posts an Adaptive Card to a Teams incoming webhook (the format Workflows webhooks and connectors both accept). */
export function createTeamsMessageAction(options: { config: Config }) {
  return createTemplateAction({
    id: TEAMS_MESSAGE_ACTION_ID,
    description: 'Posts a message to a Microsoft Teams channel through its incoming webhook.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Tell the service desk channel a ticket was resolved',
        example: [
          'steps:',
          '  - id: teams',
          '    action: notify:teams:message',
          '    input:',
          '      title: SD-000123 resolved',
          "      text: 'The VPN profile of Alice was issued.'",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        title: z => z.string().max(200).optional(),
        text: z => z.string().min(1).max(10000),
      },
      output: {
        delivered: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const { title, text } = ctx.input;
      if (ctx.isDryRun) {
        describeDryRun(ctx, 'Microsoft Teams', [`post an Adaptive Card${title ? ` titled "${title}"` : ''} to the webhook`]);
        ctx.output('delivered', false);
        return;
      }
      const key = 'portico.integrations.teams';
      const section = requireIntegrationConfig(options.config, { system: 'Microsoft Teams', key, required: ['webhookUrl'] });
      const webhookUrl = section.getString('webhookUrl');
      const client = new IntegrationHttpClient({
        system: 'Microsoft Teams',
        baseUrl: webhookUrl,
        headers: () => ({}),
        policy: readRetryPolicy(section),
        redactor: new Redactor([webhookUrl]),
      });
      await runStep(ctx, `notify.teams.${(title ?? text).slice(0, 40)}`, async () => {
        await client.request({
          method: 'POST',
          path: '',
          body: {
            type: 'message',
            attachments: [
              {
                contentType: 'application/vnd.microsoft.card.adaptive',
                content: {
                  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                  type: 'AdaptiveCard',
                  version: '1.4',
                  body: [
                    ...(title ? [{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true }] : []),
                    { type: 'TextBlock', text, wrap: true },
                  ],
                },
              },
            ],
          },
          signal: ctx.signal,
        });
      });
      ctx.output('delivered', true);
    },
  });
}
