import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  parseErrorResponseBody,
} from '@backstage/errors';

export interface CallOptions {
  /** Whose rights the call is made with: the user who runs the template. */
  credentials: BackstageCredentials;
  signal?: AbortSignal;
}

/**
 * Calls one Portico backend plugin's REST API with a token issued on behalf of the template's
 * user, so the plugin applies the same rules (ownership, permissions, anti-self-approval) as
 * when that user clicks in the portal.
 */
export class PluginRestClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #pluginId: string;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    pluginId: string;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#pluginId = options.pluginId;
  }

  /** `failure` starts the error message ("Could not …"); the server's message follows it. */
  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    { credentials, signal }: CallOptions,
    failure: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl(this.#pluginId);
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: this.#pluginId,
    });
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      throw new ForwardedError(
        `${failure}: the ${
          this.#pluginId
        } backend could not be reached at ${baseUrl}`,
        error,
      );
    }
    if (!response.ok) throw await toError(response, failure);
    return (await response.json()) as T;
  }
}

/**
 * Keeps the error class of the server's answer (so a 403 stays a NotAllowedError for the task)
 * and its message, which names the field or the rule that refused the call.
 */
async function toError(response: Response, failure: string): Promise<Error> {
  const parsed = await parseErrorResponseBody(response);
  const message = `${failure}: ${parsed.error.message}`;
  switch (response.status) {
    case 400:
      return new InputError(message);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new Error(`${message} (HTTP ${response.status})`);
  }
}
