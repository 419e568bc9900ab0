import { readFileSync } from 'fs';
import Docker from 'dockerode';
import type { Config } from '@backstage/config';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';

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
  stop(containerId: string, timeoutSeconds: number): Promise<void>;
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

export const DOCKER_CONFIG_KEY = 'integrations.docker';

/**
 * `integrations.docker`: `socketPath`, or `host` + `port` with `protocol: https` and TLS material
 * (`ca`, `cert`, `key` as PEM text or file paths). Nothing is assumed when the section is absent
 * (not even /var/run/docker.sock): an engine nobody configured is off.
 */
export function readDockerOptions(
  config: Config,
): Docker.DockerOptions | undefined {
  const docker = config.getOptionalConfig(DOCKER_CONFIG_KEY);
  if (!docker) return undefined;
  const socketPath = docker.getOptionalString('socketPath');
  if (socketPath) return { socketPath };
  const host = docker.getOptionalString('host');
  if (!host) {
    throw new Error(
      `Invalid config at '${DOCKER_CONFIG_KEY}': set socketPath, or host (and port, protocol, TLS)`,
    );
  }
  const pem = (key: string) => {
    const value = docker.getOptionalString(key);
    if (!value) return undefined;
    if (value.includes('-----BEGIN')) return value;
    try {
      return readFileSync(value, 'utf8');
    } catch (error) {
      throw new Error(
        `Invalid config at '${DOCKER_CONFIG_KEY}.${key}': cannot read ${value} (${
          (error as Error).message
        })`,
      );
    }
  };
  const protocol = docker.getOptionalString('protocol') ?? 'https';
  if (protocol !== 'http' && protocol !== 'https') {
    throw new Error(
      `Invalid value '${protocol}' at '${DOCKER_CONFIG_KEY}.protocol': http or https`,
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

/** Where the engine is, for messages: never the TLS material. */
export function describeEngine(options: Docker.DockerOptions): string {
  if (options.socketPath) return `socket ${options.socketPath}`;
  return `${options.protocol ?? 'https'}://${options.host}:${options.port}`;
}

/** Errors of the transport (no socket, refused, TLS, DNS, timeout): the engine is not reachable. */
const UNREACHABLE = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EACCES',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);

/** The engine on dockerode; its errors say which container or which config key is at fault. */
export class DockerodeEngine implements ContainerEngine {
  private readonly docker: Docker;
  private readonly where: string;

  constructor(options: Docker.DockerOptions) {
    this.docker = new Docker(options);
    this.where = describeEngine(options);
  }

  private async call<T>(
    containerId: string,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const { statusCode, code } = error as {
        statusCode?: number;
        code?: string;
      };
      if (statusCode === 404) {
        throw new NotFoundError(
          `No container ${containerId} on the Docker Engine (${this.where})`,
        );
      }
      if (code && UNREACHABLE.has(code)) {
        throw new ServiceUnavailableError(
          `The Docker Engine of ${DOCKER_CONFIG_KEY} (${
            this.where
          }) does not answer: ${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  async inspect(containerId: string): Promise<ContainerFacts> {
    const info = await this.call(containerId, () =>
      this.docker.getContainer(containerId).inspect(),
    );
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
    const result = (await this.call(containerId, () =>
      this.docker.getContainer(containerId).commit({ repo, tag, comment }),
    )) as { Id?: string };
    return result.Id ?? `${repo}:${tag}`;
  }

  async pause(containerId: string): Promise<void> {
    await this.call(containerId, () =>
      this.docker.getContainer(containerId).pause(),
    );
  }

  async stop(containerId: string, timeoutSeconds: number): Promise<void> {
    await this.call(containerId, () =>
      this.docker.getContainer(containerId).stop({ t: timeoutSeconds }),
    );
  }

  async disconnect(containerId: string, network: string): Promise<void> {
    await this.call(containerId, () =>
      this.docker
        .getNetwork(network)
        .disconnect({ Container: containerId, Force: true }),
    );
  }
}
