import { join } from 'path';
import { tmpdir } from 'os';
import Docker from 'dockerode';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DockerodeEngine } from '../engine';
import {
  DockerLeftovers,
  dockerRequired,
  dockerSocket,
  dockerVersion,
  ensureTestImage,
  recordDockerUsed,
  TEST_IMAGE,
} from '../__testUtils__/realDocker';
import { createDockerInspectAction, createDockerIsolateAction } from './docker';

// Against a real Docker Engine (Debian's dockerd, started by scripts/env.sh ensure_docker): the
// actions as the isolation template runs them, on containers of an image made offline.
const socket = dockerSocket();
const version = dockerVersion(socket);

if (!version && dockerRequired()) {
  describe('Docker Engine', () => {
    // The failure is the point: this run was promised a real engine.
    // eslint-disable-next-line jest/expect-expect
    it(`answers on ${socket}`, () => {
      throw new Error(
        `No Docker Engine answers on ${socket}, and this run needs one (CI=true or PORTICO_REQUIRE_DOCKER=1): ` +
          'scripts/test.sh starts it (ensure_docker in scripts/env.sh); or set PORTICO_REQUIRE_DOCKER=0 to skip',
      );
    });
  });
} else if (!version) {
  // eslint-disable-next-line no-console
  console.info(
    `Docker integration tests skipped: no Docker Engine answers on ${socket}`,
  );
}

const describeWithDocker = version ? describe : describe.skip;

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

describeWithDocker(`docker actions on a real Docker Engine (${socket})`, () => {
  jest.setTimeout(120_000);
  const docker = new Docker({ socketPath: socket });
  const engine = new DockerodeEngine({ socketPath: socket });
  const leftovers = new DockerLeftovers(docker);
  const prefix = `portico-it-${process.pid}-${Date.now().toString(36)}`;
  let network: string;

  beforeAll(async () => {
    await ensureTestImage(docker);
    network = await leftovers.createNetwork(`${prefix}-net`);
    recordDockerUsed(version!);
  });
  afterAll(() => leftovers.removeAll());

  async function isolate(input: Record<string, unknown>, dryRun = false) {
    const ctx = createMockActionContext({
      input: {
        mode: 'auto',
        severity: 'high',
        snapshot: true,
        confirmed: true,
        stopTimeoutSeconds: 5,
        ...input,
      },
    });
    Object.assign(ctx, { user: frank, isDryRun: dryRun });
    await createDockerIsolateAction({ engine }).handler(ctx as any);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    if (outputs.snapshotImage && !dryRun)
      leftovers.images.add(outputs.snapshotImage);
    return outputs;
  }

  const state = async (id: string) => {
    const info = await docker.getContainer(id).inspect();
    return {
      status: info.State.Status,
      networks: Object.keys(info.NetworkSettings.Networks ?? {}).sort(),
    };
  };

  it('reads the real state of a container', async () => {
    const container = await leftovers.startContainer(`${prefix}-inspect`, [
      network,
    ]);
    const ctx = createMockActionContext({
      input: { containerId: `${prefix}-inspect` },
    });
    await createDockerInspectAction({ engine }).handler(ctx as any);
    const out = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    expect(out).toEqual({
      id: container.id,
      name: `${prefix}-inspect`,
      image: TEST_IMAGE,
      state: 'running',
      networks: ['bridge', network].sort(),
    });
  });

  it('critical: snapshots the container to an image, then stops it', async () => {
    const container = await leftovers.startContainer(`${prefix}-critical`);
    const out = await isolate({
      containerId: container.id,
      severity: 'critical',
      reason: 'Terminal shell in container',
    });
    expect(out.steps).toEqual(['commit', 'stop']);
    expect(out.snapshotImage).toMatch(
      new RegExp(`^portico-isolation/${prefix}-critical:\\d{8}t\\d{6}$`),
    );
    const image = await docker.getImage(out.snapshotImage).inspect();
    expect(image.Comment).toBe(
      `Isolation of ${container.id}: Terminal shell in container`,
    );
    expect(image.Config.Cmd).toEqual(['/bin/sleep', '300']);
    expect((await state(container.id)).status).toBe('exited');
    expect(out.summary).toMatch(
      new RegExp(
        `^Isolated ${prefix}-critical \\(${container.id.slice(
          0,
          12,
        )}\\): snapshot to .*, then stop; by user:default/frank$`,
      ),
    );
  });

  it('otherwise: snapshots then pauses; a later stop ends the paused container', async () => {
    const container = await leftovers.startContainer(`${prefix}-high`);
    const out = await isolate({
      containerId: `${prefix}-high`,
      severity: 'high',
    });
    expect(out.steps).toEqual(['commit', 'pause']);
    await expect(
      docker.getImage(out.snapshotImage).inspect(),
    ).resolves.toBeDefined();
    expect((await state(container.id)).status).toBe('paused');

    // Escalation: the incident turns critical; the paused container is stopped, no second snapshot.
    const escalated = await isolate({
      containerId: container.id,
      mode: 'stop',
      snapshot: false,
    });
    expect(escalated.steps).toEqual(['stop']);
    expect((await state(container.id)).status).toBe('exited');
  });

  it('disconnect: the container leaves every network and keeps running', async () => {
    const container = await leftovers.startContainer(`${prefix}-net`, [
      network,
    ]);
    expect((await state(container.id)).networks).toEqual(
      ['bridge', network].sort(),
    );
    const out = await isolate({
      containerId: container.id,
      mode: 'disconnect',
      snapshot: false,
    });
    expect(out.steps).toEqual(
      ['bridge', network].sort().map(n => `disconnect:${n}`),
    );
    expect(await state(container.id)).toEqual({
      status: 'running',
      networks: [],
    });
    const networkInfo = await docker.getNetwork(network).inspect();
    expect(Object.keys(networkInfo.Containers ?? {})).not.toContain(
      container.id,
    );
  });

  it('a dry run tells the plan and changes nothing', async () => {
    const container = await leftovers.startContainer(`${prefix}-dry`, [
      network,
    ]);
    const before = await state(container.id);
    const imagesBefore = (await docker.listImages()).length;
    const out = await isolate(
      { containerId: container.id, severity: 'critical', confirmed: false },
      true,
    );
    expect(out.steps).toEqual(['commit', 'stop']);
    expect(out.dryRun).toBe(true);
    expect(out.summary).toMatch(
      /^Dry run: would snapshot to portico-isolation\/.*, then stop/,
    );
    expect(await state(container.id)).toEqual(before);
    expect((await docker.listImages()).length).toBe(imagesBefore);
    await expect(
      docker.getImage(out.snapshotImage).inspect(),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a container that does not exist: a 404 that names it, nothing done', async () => {
    await expect(
      isolate({ containerId: `${prefix}-missing` }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `No container ${prefix}-missing on the Docker Engine (socket ${socket})`,
    });
    await expect(
      isolate({ containerId: `${prefix}-missing` }, true),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('an engine that is down: a 503 that names the config key', async () => {
    const dead = join(tmpdir(), `${prefix}-no-daemon.sock`);
    const action = createDockerIsolateAction({
      engine: new DockerodeEngine({ socketPath: dead }),
    });
    const ctx = createMockActionContext({
      input: {
        containerId: 'anything',
        mode: 'auto',
        severity: 'high',
        snapshot: true,
        confirmed: true,
        stopTimeoutSeconds: 5,
      },
    });
    Object.assign(ctx, { user: frank });
    await expect(action.handler(ctx as any)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        new RegExp(
          `^The Docker Engine of integrations\\.docker \\(socket ${dead.replace(
            /[.]/g,
            '\\.',
          )}\\) does not answer: .*ENOENT`,
        ),
      ),
    });
  });
});
