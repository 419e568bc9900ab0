import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError, NotAllowedError } from '@backstage/errors';
import { DOCKER_CONFIG_KEY, type ContainerEngine } from '../engine';

const CONTAINER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

function notConfigured(): never {
  throw new InputError(
    `No Docker Engine is configured (${DOCKER_CONFIG_KEY}): run with dry-run to see the plan`,
  );
}

/** The groups whose members may isolate for real (`integrations.docker.isolation.allowedGroups`). */
export const DEFAULT_ISOLATION_GROUPS = ['group:default/security'];

function groupRef(ref: string): string {
  const lower = ref.toLowerCase();
  const withKind = lower.includes(':') ? lower : `group:${lower}`;
  return withKind.includes('/') ? withKind : withKind.replace(':', ':default/');
}

/** The groups of the user who started the task, as the scaffolder read them from the catalog. */
export function groupsOfInitiator(user?: {
  entity?: {
    relations?: { type: string; targetRef: string }[];
    spec?: { memberOf?: string[] };
  };
}): string[] {
  const fromRelations = (user?.entity?.relations ?? [])
    .filter(r => r.type === 'memberOf')
    .map(r => r.targetRef);
  const fromSpec = user?.entity?.spec?.memberOf ?? [];
  return [...new Set([...fromRelations, ...fromSpec].map(groupRef))];
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
      const container = await options.engine.inspect(ctx.input.containerId);
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
  // `none` is the absence of a network: nothing to leave.
  if (mode === 'disconnect')
    steps.push(
      ...input.networks.filter(n => n !== 'none').map(n => `disconnect:${n}`),
    );
  else steps.push(mode);
  return steps;
}

export function createDockerIsolateAction(options: {
  engine?: ContainerEngine;
  now?: () => Date;
  /** Group refs whose members may isolate for real; default `group:default/security`. */
  allowedGroups?: string[];
}) {
  const now = options.now ?? (() => new Date());
  const allowedGroups = (options.allowedGroups ?? DEFAULT_ISOLATION_GROUPS).map(
    groupRef,
  );
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
        confirmed: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'The person who starts the task confirms the isolation; a dry run needs no confirmation',
            ),
        planOnly: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Describe the plan and change nothing, as a dry run does',
            ),
        stopTimeoutSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(300)
            .default(10)
            .describe('Seconds the container has to stop before it is killed'),
      },
      output: {
        steps: z => z.array(z.string()),
        snapshotImage: z => z.string().optional(),
        dryRun: z => z.boolean(),
        summary: z =>
          z.string().describe('One line for the ticket and the finding'),
      },
    },
    async handler(ctx) {
      const { containerId, mode, severity, snapshot, reason } = ctx.input;
      const engine = options.engine;
      // The template's preview step: a dry run inside a real task.
      const dryRun = Boolean(ctx.isDryRun || ctx.input.planOnly);
      if (!dryRun) {
        if (!engine) notConfigured();
        // The server's rule, whatever the template says: an explicit confirmation, by a member
        // of the isolating groups (the scaffolder read the user's groups from the catalog).
        if (ctx.input.confirmed !== true) {
          throw new InputError(
            'confirmed: isolating a container needs an explicit confirmation (run a dry run first to see the plan)',
          );
        }
        const groups = groupsOfInitiator(ctx.user as any);
        if (!groups.some(g => allowedGroups.includes(g))) {
          throw new NotAllowedError(
            `Only members of ${allowedGroups.join(', ')} isolate containers (${
              ctx.user?.ref ?? 'an unknown user'
            } is not)`,
          );
        }
      }
      const container = engine ? await engine.inspect(containerId) : undefined;
      const steps = isolationPlan({
        mode,
        severity,
        snapshot,
        networks: container?.networks ?? ['<its networks>'],
      });
      ctx.output('steps', steps);
      ctx.output('dryRun', dryRun);
      const tag = now()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\..*$/, '')
        .toLowerCase();
      const repo = `portico-isolation/${(container?.name ?? containerId)
        .toLowerCase()
        .replace(/[^a-z0-9_.-]/g, '-')}`;
      const what = (step: string) => {
        if (step.startsWith('disconnect:'))
          return `disconnect from ${step.slice('disconnect:'.length)}`;
        return step === 'commit' ? `snapshot to ${repo}:${tag}` : step;
      };
      const plan = steps.map(what).join(', then ') || 'nothing to do';
      if (dryRun) {
        ctx.logger.info(`Dry run: would ${plan} on ${containerId}`);
        if (snapshot) ctx.output('snapshotImage', `${repo}:${tag}`);
        ctx.output('summary', `Dry run: would ${plan} (${containerId})`);
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
            await engine!.stop(containerId, ctx.input.stopTimeoutSeconds);
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
      ctx.output(
        'summary',
        `Isolated ${container!.name} (${container!.id.slice(
          0,
          12,
        )}): ${plan}; by ${ctx.user?.ref ?? 'unknown'}`,
      );
    },
  });
}
