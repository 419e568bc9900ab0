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
import type {
  CreatePromotionRequest,
  PromotionRequestDetails,
} from '@portico/plugin-promotions-common';

interface CallOptions {
  /** Whose rights the call is made with: the user who runs the template. */
  credentials: BackstageCredentials;
  signal?: AbortSignal;
}

/**
 * The promotions backend's REST API as the scaffolder actions need it, called with a token issued on behalf of
 * the template's user: the backend applies the same tenant and anti-self-approval rules as in the portal.
 */
export class PromotionsClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
  }

  async createRequest(
    body: CreatePromotionRequest,
    options: CallOptions,
  ): Promise<PromotionRequestDetails> {
    return this.#request(
      'POST',
      '/requests',
      options,
      `Could not request the promotion of ${body.componentRef} ${body.version}`,
      body,
    );
  }

  async approveRequest(
    id: string,
    comment: string | undefined,
    options: CallOptions,
  ): Promise<PromotionRequestDetails> {
    return this.#request(
      'POST',
      `/requests/${encodeURIComponent(id)}/approve`,
      options,
      `Could not approve promotion request ${id}`,
      comment ? { comment } : {},
    );
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    { credentials, signal }: CallOptions,
    failure: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl('promotions');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'promotions',
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
        `${failure}: the promotions backend could not be reached at ${baseUrl}`,
        error,
      );
    }
    if (!response.ok) throw await toError(response, failure);
    return (await response.json()) as T;
  }
}

/** Keeps the error class of the server's answer (a 403 stays a NotAllowedError) and its message. */
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
