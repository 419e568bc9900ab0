import { CustomErrorBase, NotAllowedError } from '@backstage/errors';

/**
 * The target resolves to an address the policy does not allow. The message names the config
 * key that could allow it, never the address (which would map the internal network for the
 * caller).
 */
export class OutboundTargetRefusedError extends NotAllowedError {
  constructor(target: string, configKey: string) {
    super(
      `${target} is not an allowed outbound target: it resolves to an address that is not public, ` +
        `and private targets must be listed in ${configKey} (loopback and link-local never are)`,
    );
  }
}

/**
 * Any failure to get an answer: the host does not resolve, the connection is refused, reset or
 * times out, or the response breaks off. One message for all, so that the error cannot be used
 * to scan ports (refused and filtered look alike). 502; the error handler reads `statusCode`.
 */
export class OutboundConnectionError extends CustomErrorBase {
  name = 'OutboundConnectionError';
  readonly statusCode = 502;

  constructor(url: URL, timeoutMs: number) {
    super(`Could not connect to ${url.origin}, or it gave no complete answer within ${timeoutMs / 1000} s`);
  }
}
