import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { NotFoundError } from '@backstage/errors';
import type { ContainerEngine } from '../engine';
import {
  createDockerInspectAction,
  createDockerIsolateAction,
  isolationPlan,
} from './docker';

function fakeEngine(
  state: Partial<{ running: boolean; paused: boolean; missing: boolean }> = {},
) {
  const calls: string[] = [];
  const engine: ContainerEngine = {
    async inspect(id) {
      if (state.missing) throw new NotFoundError(`No container ${id}`);
      return {
        id: `${id}-full`,
        name: 'payments-gateway',
        image: 'ghcr.io/acme/payments-gateway:1.4.2',
        state: 'running',
        running: state.running ?? true,
        paused: state.paused ?? false,
        networks: ['bridge', 'payments'],
      };
    },
    async commit(id, repo, tag) {
      calls.push(`commit ${id} ${repo}:${tag}`);
      return 'sha256:snap';
    },
    async pause(id) {
      calls.push(`pause ${id}`);
    },
    async stop(id, timeoutSeconds) {
      calls.push(
        `stop ${id}${timeoutSeconds === 10 ? '' : ` t=${timeoutSeconds}`}`,
      );
    },
    async disconnect(id, network) {
      calls.push(`disconnect ${id} ${network}`);
    },
  };
  return { engine, calls };
}

const now = () => new Date('2026-12-05T10:15:00Z');

/** The user who starts the task, as the scaffolder gives it (read from the catalog). */
const frank = {
  ref: 'user:default/frank',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'frank' },
    spec: { memberOf: ['security'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/security' }],
  },
};
const alice = {
  ref: 'user:default/alice',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice' },
    spec: { memberOf: ['payments-team'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments-team' }],
  },
};

function isolateContext(input: Record<string, unknown>, user: unknown = frank) {
  const ctx = createMockActionContext({
    input: { confirmed: true, stopTimeoutSeconds: 10, ...input },
  });
  (ctx as any).user = user;
  return ctx;
}

describe('docker:container:isolate', () => {
  it('snapshots then stops a container on a critical alert', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = isolateContext({
      containerId: '4f1c2a9b3d7e',
      mode: 'auto',
      severity: 'critical',
      snapshot: true,
    });
    await createDockerIsolateAction({ engine, now }).handler(ctx as any);
    expect(calls).toEqual([
      'commit 4f1c2a9b3d7e portico-isolation/payments-gateway:20261205t101500',
      'stop 4f1c2a9b3d7e',
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'snapshotImage',
      'portico-isolation/payments-gateway:20261205t101500',
    );
  });

  it('pauses otherwise, and disconnects every network when asked', async () => {
    const { engine, calls } = fakeEngine();
    await createDockerIsolateAction({ engine, now }).handler(
      isolateContext({
        containerId: 'c1',
        mode: 'auto',
        severity: 'high',
        snapshot: false,
      }) as any,
    );
    await createDockerIsolateAction({ engine, now }).handler(
      isolateContext({
        containerId: 'c1',
        mode: 'disconnect',
        severity: 'high',
        snapshot: false,
      }) as any,
    );
    expect(calls).toEqual([
      'pause c1',
      'disconnect c1 bridge',
      'disconnect c1 payments',
    ]);
  });

  it('changes nothing in a dry run, even without an engine', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = isolateContext({
      containerId: 'c1',
      mode: 'auto',
      severity: 'critical',
      snapshot: true,
    });
    (ctx as any).isDryRun = true;
    await createDockerIsolateAction({ engine, now }).handler(ctx as any);
    expect(calls).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('steps', ['commit', 'stop']);
    const noEngine = isolateContext({
      containerId: 'c1',
      mode: 'auto',
      severity: 'high',
      snapshot: true,
    });
    (noEngine as any).isDryRun = true;
    await createDockerIsolateAction({ now }).handler(noEngine as any);
    expect(noEngine.output).toHaveBeenCalledWith('steps', ['commit', 'pause']);
  });

  it('refuses to run for real without an engine, and names a missing container', async () => {
    await expect(
      createDockerIsolateAction({ now }).handler(
        isolateContext({
          containerId: 'c1',
          mode: 'auto',
          severity: 'high',
          snapshot: true,
        }) as any,
      ),
    ).rejects.toThrow(/integrations\.docker/);
    const { engine, calls } = fakeEngine({ missing: true });
    await expect(
      createDockerIsolateAction({ engine, now }).handler(
        isolateContext({
          containerId: 'gone',
          mode: 'auto',
          severity: 'high',
          snapshot: true,
        }) as any,
      ),
    ).rejects.toThrow(/No container gone/);
    expect(calls).toEqual([]);
  });

  it('acts for real only when confirmed, by a member of the isolating groups', async () => {
    const { engine, calls } = fakeEngine();
    const input = { containerId: 'c1', mode: 'auto', severity: 'high' };
    const action = createDockerIsolateAction({ engine, now });
    await expect(
      action.handler(isolateContext({ ...input, confirmed: false }) as any),
    ).rejects.toThrow(/^confirmed: /);
    await expect(
      action.handler(isolateContext(input, alice) as any),
    ).rejects.toThrow(
      'Only members of group:default/security isolate containers (user:default/alice is not)',
    );
    await expect(
      action.handler(isolateContext(input, null) as any),
    ).rejects.toThrow(/an unknown user is not/);
    expect(calls).toEqual([]);
    // Another group by config; a dry run needs neither confirmation nor membership.
    await createDockerIsolateAction({
      engine,
      now,
      allowedGroups: ['payments-team'],
    }).handler(isolateContext({ ...input, snapshot: false }, alice) as any);
    const dry = isolateContext({ ...input, confirmed: false }, alice);
    (dry as any).isDryRun = true;
    await action.handler(dry as any);
    expect(calls).toEqual(['pause c1']);
  });

  it('has nothing to disconnect from the none network', () => {
    expect(
      isolationPlan({
        mode: 'disconnect',
        severity: 'medium',
        snapshot: false,
        networks: ['none'],
      }),
    ).toEqual([]);
    expect(
      isolationPlan({
        mode: 'auto',
        severity: 'medium',
        snapshot: true,
        networks: [],
      }),
    ).toEqual(['commit', 'pause']);
  });
});

describe('docker:container:inspect', () => {
  it('reads the container', async () => {
    const { engine } = fakeEngine();
    const ctx = createMockActionContext({ input: { containerId: 'c1' } });
    await createDockerInspectAction({ engine }).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('networks', ['bridge', 'payments']);
    expect(ctx.output).toHaveBeenCalledWith('state', 'running');
  });
});
