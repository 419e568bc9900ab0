import { readFileSync } from 'fs';
import Docker from 'dockerode';
import type { Config } from '@backstage/config';

/** What the actions need of a Docker Engine: small, so that tests and other clients fit. */
export interface ContainerEngine {
  inspect(containerId: string): Promise<ContainerFacts>;
  commit(
    containerId: string,
    repo: string,
    tag: string,
    comment: string,
  ): Promise<string>;
  pause(containerId: string): Promise<void>;
  stop(containerId: string): Promise<void>;
  disconnect(containerId: string, network: string): Promise<void>;
}

export interface ContainerFacts {
  id: string;
  name: string;
  image: string;
  state: string;
  running: boolean;
  paused: boolean;
  networks: string[];
}

/**
 * `integrations.docker`: `socketPath` (default /var/run/docker.sock when nothing is set is NOT
 * assumed: an unconfigured engine is off), or `host` + `port` with `protocol: https` and TLS
 * material (`ca`, `cert`, `key` as PEM text or file paths).
 */
export function readDockerOptions(
  config: Config,
): Docker.DockerOptions | undefined {
  const docker = config.getOptionalConfig('integrations.docker');
  if (!docker) return undefined;
  const socketPath = docker.getOptionalString('socketPath');
  if (socketPath) return { socketPath };
  const host = docker.getOptionalString('host');
  if (!host) {
    throw new Error(
      "Invalid config at 'integrations.docker': set socketPath, or host (and port, protocol, TLS)",
    );
  }
  const pem = (key: string) => {
    const value = docker.getOptionalString(key);
    if (!value) return undefined;
    return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
  };
  const protocol = docker.getOptionalString('protocol') ?? 'https';
  if (protocol !== 'http' && protocol !== 'https') {
    throw new Error(
      `Invalid value '${protocol}' at 'integrations.docker.protocol': http or https`,
    );
  }
  return {
    host,
    port: docker.getOptionalNumber('port') ?? 2376,
    protocol,
    ca: pem('ca'),
    cert: pem('cert'),
    key: pem('key'),
  };
}

/** The engine on dockerode. */
export class DockerodeEngine implements ContainerEngine {
  private readonly docker: Docker;

  constructor(options: Docker.DockerOptions) {
    this.docker = new Docker(options);
  }

  async inspect(containerId: string): Promise<ContainerFacts> {
    const info = await this.docker.getContainer(containerId).inspect();
    return {
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      image: info.Config.Image,
      state: info.State.Status,
      running: info.State.Running,
      paused: info.State.Paused,
      networks: Object.keys(info.NetworkSettings?.Networks ?? {}).sort(),
    };
  }

  async commit(
    containerId: string,
    repo: string,
    tag: string,
    comment: string,
  ): Promise<string> {
    // Committing a running container pauses it for the copy (the engine's default).
    const result = (await this.docker
      .getContainer(containerId)
      .commit({ repo, tag, comment })) as { Id?: string };
    return result.Id ?? `${repo}:${tag}`;
  }

  async pause(containerId: string): Promise<void> {
    await this.docker.getContainer(containerId).pause();
  }

  async stop(containerId: string): Promise<void> {
    await this.docker.getContainer(containerId).stop();
  }

  async disconnect(containerId: string, network: string): Promise<void> {
    await this.docker
      .getNetwork(network)
      .disconnect({ Container: containerId, Force: true });
  }
}
