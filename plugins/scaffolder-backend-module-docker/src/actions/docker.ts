import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError, NotFoundError } from '@backstage/errors';
import type { ContainerEngine } from '../engine';

const CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

function notConfigured(): never {
  throw new InputError(
    'No Docker Engine is configured (integrations.docker): run with dry-run to see the plan',
  );
}

/** A missing container is a 404 from the engine; said in words. */
async function facts(engine: ContainerEngine, containerId: string) {
  try {
    return await engine.inspect(containerId);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new NotFoundError(
        `No container ${containerId} on the Docker Engine`,
      );
    }
    throw error;
  }
}

export function createDockerInspectAction(options: {
  engine?: ContainerEngine;
}) {
  return createTemplateAction({
    id: 'docker:container:inspect',
    description: 'Reads a container: name, image, state, networks',
    supportsDryRun: true,
    schema: {
      input: {
        containerId: z =>
          z
            .string()
            .regex(CONTAINER_ID, 'a container id or name')
            .describe('Container id or name'),
      },
      output: {
        id: z => z.string(),
        name: z => z.string(),
        image: z => z.string(),
        state: z => z.string(),
        networks: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      if (!options.engine) notConfigured();
      const container = await facts(options.engine, ctx.input.containerId);
      ctx.output('id', container.id);
      ctx.output('name', container.name);
      ctx.output('image', container.image);
      ctx.output('state', container.state);
      ctx.output('networks', container.networks);
    },
  });
}

export type IsolationMode = 'auto' | 'stop' | 'pause' | 'disconnect';

/** The playbook of the seed: snapshot first, then stop when critical, pause otherwise. */
export function isolationPlan(input: {
  mode: IsolationMode;
  severity: string;
  snapshot: boolean;
  networks: string[];
}): string[] {
  const steps: string[] = [];
  if (input.snapshot) steps.push('commit');
  const auto = input.severity === 'critical' ? 'stop' : 'pause';
  const mode = input.mode === 'auto' ? auto : input.mode;
  if (mode === 'disconnect')
    steps.push(...input.networks.map(n => `disconnect:${n}`));
  else steps.push(mode);
  return steps;
}

export function createDockerIsolateAction(options: {
  engine?: ContainerEngine;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: 'docker:container:isolate',
    description:
      'Isolates a container (incident playbook): snapshots it (commit), then stops it (critical) or pauses it, or disconnects it from its networks. Dry-run describes the plan and changes nothing.',
    supportsDryRun: true,
    schema: {
      input: {
        containerId: z =>
          z
            .string()
            .regex(CONTAINER_ID, 'a container id or name')
            .describe('Container id or name'),
        mode: z =>
          z
            .enum(['auto', 'stop', 'pause', 'disconnect'])
            .default('auto')
            .describe('auto: stop when the severity is critical, else pause'),
        severity: z =>
          z.enum(['critical', 'high', 'medium', 'low']).default('high'),
        snapshot: z =>
          z
            .boolean()
            .default(true)
            .describe('Commit the container to an image first (forensics)'),
        reason: z => z.string().max(500).optional(),
      },
      output: {
        steps: z => z.array(z.string()),
        snapshotImage: z => z.string().optional(),
        dryRun: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const { containerId, mode, severity, snapshot, reason } = ctx.input;
      const engine = options.engine;
      if (!engine && !ctx.isDryRun) notConfigured();
      const container = engine ? await facts(engine, containerId) : undefined;
      const steps = isolationPlan({
        mode,
        severity,
        snapshot,
        networks: container?.networks ?? ['<its networks>'],
      });
      ctx.output('steps', steps);
      ctx.output('dryRun', Boolean(ctx.isDryRun));
      const tag = now()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\..*$/, '')
        .toLowerCase();
      const repo = `portico-isolation/${(container?.name ?? containerId)
        .toLowerCase()
        .replace(/[^a-z0-9_.-]/g, '-')}`;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ${steps.join(', then ')} on ${containerId}`,
        );
        if (snapshot) ctx.output('snapshotImage', `${repo}:${tag}`);
        return;
      }
      for (const step of steps) {
        if (step === 'commit') {
          const image = await engine!.commit(
            containerId,
            repo,
            tag,
            `Isolation of ${containerId}: ${reason ?? severity}`,
          );
          ctx.logger.info(
            `Snapshot of ${containerId}: ${repo}:${tag} (${image})`,
          );
          ctx.output('snapshotImage', `${repo}:${tag}`);
        } else if (step === 'stop') {
          if (container!.running || container!.paused)
            await engine!.stop(containerId);
          ctx.logger.info(`Stopped ${containerId}`);
        } else if (step === 'pause') {
          if (container!.running && !container!.paused)
            await engine!.pause(containerId);
          ctx.logger.info(`Paused ${containerId}`);
        } else {
          const network = step.slice('disconnect:'.length);
          await engine!.disconnect(containerId, network);
          ctx.logger.info(`Disconnected ${containerId} from ${network}`);
        }
      }
    },
  });
}
