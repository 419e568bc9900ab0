import { execFileSync, spawnSync } from 'child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  copyFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Docker from 'dockerode';

/** The engine the tests use: what `ensure_docker` (scripts/env.sh) started, else DOCKER_HOST, else the default. */
export function dockerSocket(): string {
  if (process.env.PORTICO_DOCKER_SOCKET)
    return process.env.PORTICO_DOCKER_SOCKET;
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  return '/var/run/docker.sock';
}

/**
 * Like PostgreSQL: `npm test` (and CI) must run these tests against a real engine, so a missing
 * one is a failure there; elsewhere they skip. `PORTICO_REQUIRE_DOCKER=0` (no root to start one)
 * opts out explicitly.
 */
export function dockerRequired(): boolean {
  if (process.env.PORTICO_REQUIRE_DOCKER === '0') return false;
  return (
    process.env.PORTICO_REQUIRE_DOCKER === '1' || process.env.CI === 'true'
  );
}

/**
 * The engine's version, or undefined when nothing answers. Synchronous (a child process), so that
 * the test file can choose `describe` or `describe.skip` when jest loads it.
 */
export function dockerVersion(socket: string): string | undefined {
  const probe = `
    require('http').get({ socketPath: process.argv[1], path: '/version', timeout: 3000 }, res => {
      let body = '';
      res.on('data', d => (body += d));
      res.on('end', () => { if (res.statusCode === 200) process.stdout.write(JSON.parse(body).Version); });
    }).on('error', () => {}).on('timeout', function () { this.destroy(); });`;
  const result = spawnSync(process.execPath, ['-e', probe, socket], {
    encoding: 'utf8',
    timeout: 8000,
  });
  return result.stdout?.trim() || undefined;
}

/** For the summary of `npm test` ("Docker Engine: ran ..."). */
export function recordDockerUsed(version: string): void {
  const file = process.env.PORTICO_TEST_DOCKER_FILE;
  if (file) appendFileSync(file, `Docker Engine ${version}\n`);
}

export const TEST_IMAGE = 'portico-test/busybox:1';

/**
 * No registry is reachable: the test image is a root filesystem of Debian's busybox-static
 * (/bin/busybox and the links the tests run), imported once and kept between runs.
 */
export async function ensureTestImage(docker: Docker): Promise<void> {
  try {
    await docker.getImage(TEST_IMAGE).inspect();
    return;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  if (!existsSync('/bin/busybox')) {
    throw new Error(
      'The docker tests need /bin/busybox: apt-get install busybox-static (scripts/env.sh ensure_docker does)',
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'portico-busybox-'));
  try {
    mkdirSync(join(root, 'bin'));
    copyFileSync('/bin/busybox', join(root, 'bin/busybox'));
    for (const link of ['sh', 'sleep'])
      symlinkSync('busybox', join(root, 'bin', link));
    const tar = execFileSync('tar', ['-C', root, '-c', '.'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const [repo, tag] = TEST_IMAGE.split(':');
    const stream = await docker.importImage(tar as any, { repo, tag });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, error =>
        error ? reject(error) : resolve(),
      ),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Containers, networks and images a test created, removed at the end whatever happened. */
export class DockerLeftovers {
  readonly containers = new Set<string>();
  readonly networks = new Set<string>();
  readonly images = new Set<string>();

  constructor(private readonly docker: Docker) {}

  async startContainer(
    name: string,
    networks: string[] = [],
  ): Promise<Docker.Container> {
    const container = await this.docker.createContainer({
      name,
      Image: TEST_IMAGE,
      Cmd: ['/bin/sleep', '300'],
      // An init as PID 1 passes SIGTERM on: `stop` ends at once instead of waiting for the kill.
      HostConfig: { Init: true, NetworkMode: 'bridge' },
    });
    this.containers.add(container.id);
    for (const network of networks) {
      await this.docker
        .getNetwork(network)
        .connect({ Container: container.id });
    }
    await container.start();
    return container;
  }

  async createNetwork(name: string): Promise<string> {
    const network = await this.docker.createNetwork({
      Name: name,
      Driver: 'bridge',
    });
    this.networks.add(network.id);
    return name;
  }

  async removeAll(): Promise<void> {
    for (const id of this.containers) {
      await this.docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    }
    for (const id of this.networks) {
      await this.docker
        .getNetwork(id)
        .remove()
        .catch(() => undefined);
    }
    for (const image of this.images) {
      await this.docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
    }
  }
}
