import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeDryRun,
  IntegrationHttpClient,
  readRetryPolicy,
  Redactor,
  requireIntegrationConfig,
  runStep,
  sleep,
} from '@portico/portico-node';

export const AWX_LAUNCH_ACTION_ID = 'awx:job:launch';
const SYSTEM = 'AWX';
const KEY = 'portico.integrations.awx';

/** AWX job statuses that end a job (api/v2/jobs/{id}/ `status`). */
const FINISHED = new Set(['successful', 'failed', 'error', 'canceled']);

function awxClient(config: Config) {
  const section = requireIntegrationConfig(config, { system: SYSTEM, key: KEY, required: ['baseUrl', 'token'] });
  const token = section.getString('token');
  return {
    client: new IntegrationHttpClient({
      system: SYSTEM,
      baseUrl: section.getString('baseUrl'),
      headers: () => ({ Authorization: `Bearer ${token}` }),
      policy: readRetryPolicy(section),
      redactor: new Redactor([token]),
    }),
    pollMs: (section.getOptionalNumber('pollIntervalSeconds') ?? 5) * 1000,
  };
}

/**
 * Launches an AWX job template (POST /api/v2/job_templates/{id}/launch/) and, unless told not to wait, follows the
 * job (GET /api/v2/jobs/{id}/) until it ends or the timeout passes. The launch is a checkpoint: a retried task
 * follows the job it already launched instead of launching another.
 */
export function createAwxJobLaunchAction(options: { config: Config; sleep?: typeof sleep; now?: () => number }) {
  const wait = options.sleep ?? sleep;
  const now = options.now ?? Date.now;
  return createTemplateAction({
    id: AWX_LAUNCH_ACTION_ID,
    description: 'Launches an AWX job template, waits for the job with a timeout, and returns its status and URL.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Deploy a promoted version with an AWX playbook',
        example: [
          'steps:',
          '  - id: deploy',
          '    action: awx:job:launch',
          '    input:',
          '      jobTemplateId: 42',
          '      limit: prod-web',
          '      extraVars:',
          '        component: ${{ parameters.componentRef }}',
          '        version: ${{ parameters.version }}',
          '      timeoutMinutes: 30',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        jobTemplateId: z => z.number().int().positive().describe('Id of the job template in AWX'),
        extraVars: z => z.record(z.string(), z.unknown()).default({}).describe('extra_vars (the template must prompt for them)'),
        limit: z => z.string().max(1024).optional().describe('Host pattern (the template must prompt for it)'),
        wait: z => z.boolean().default(true).describe('Follow the job until it ends (default true)'),
        timeoutMinutes: z => z.number().int().min(1).max(720).default(60),
        failOnJobFailure: z => z.boolean().default(true).describe('Fail the step when the job does not succeed'),
      },
      output: {
        jobId: z => z.number(),
        status: z => z.string().describe('pending, running, successful, failed, error, canceled'),
        jobUrl: z => z.string().describe("The job's page in AWX"),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { jobTemplateId } = ctx.input;
      const waitForEnd = ctx.input.wait ?? true;
      if (ctx.isDryRun) {
        describeDryRun(ctx, SYSTEM, [
          `POST /api/v2/job_templates/${jobTemplateId}/launch/ with ${Object.keys(ctx.input.extraVars ?? {}).length} extra var(s)${ctx.input.limit ? ` and limit ${ctx.input.limit}` : ''}`,
          ...(waitForEnd ? [`GET /api/v2/jobs/{id}/ every few seconds for at most ${ctx.input.timeoutMinutes ?? 60} min`] : []),
        ]);
        ctx.output('jobId', 0);
        ctx.output('status', 'dry-run');
        ctx.output('jobUrl', 'dry-run');
        ctx.output('summary', `Dry run: job template ${jobTemplateId} would be launched`);
        return;
      }
      const { client, pollMs } = awxClient(options.config);
      const launched = await runStep(ctx, `awx.job.launch.${jobTemplateId}`, async () => {
        const { body } = await client.request<{ id: number; job: number; status: string }>({
          method: 'POST',
          path: `/api/v2/job_templates/${jobTemplateId}/launch/`,
          body: {
            ...(Object.keys(ctx.input.extraVars ?? {}).length ? { extra_vars: ctx.input.extraVars } : {}),
            ...(ctx.input.limit ? { limit: ctx.input.limit } : {}),
          },
          signal: ctx.signal,
        });
        return { jobId: body.job ?? body.id, status: body.status ?? 'pending' };
      });
      const jobUrl = `${client.baseUrl}/#/jobs/playbook/${launched.jobId}/output`;
      ctx.logger.info(`AWX job ${launched.jobId} launched: ${jobUrl}`);

      let status = launched.status;
      if (waitForEnd) {
        const deadline = now() + (ctx.input.timeoutMinutes ?? 60) * 60_000;
        while (!FINISHED.has(status)) {
          if (now() > deadline) {
            throw new Error(`AWX job ${launched.jobId} still ${status} after ${ctx.input.timeoutMinutes ?? 60} min: ${jobUrl}`);
          }
          await wait(pollMs, ctx.signal);
          const { body } = await client.request<{ status: string }>({ path: `/api/v2/jobs/${launched.jobId}/`, signal: ctx.signal });
          if (body.status !== status) ctx.logger.info(`AWX job ${launched.jobId}: ${body.status}`);
          status = body.status;
        }
      }
      const summary = `AWX job ${launched.jobId} (template ${jobTemplateId}) ${status}: ${jobUrl}`;
      ctx.output('jobId', launched.jobId);
      ctx.output('status', status);
      ctx.output('jobUrl', jobUrl);
      ctx.output('summary', summary);
      if (waitForEnd && status !== 'successful' && (ctx.input.failOnJobFailure ?? true)) {
        throw new Error(summary);
      }
      ctx.logger.info(summary);
    },
  });
}
