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
import {
  MAX_PAGE_SIZE,
  type Application,
  type CreateApplicationRequest,
  type CreateSubscriptionRequest,
  type Page,
  type Subscription,
} from '@portico/plugin-apim-common';

/** Stops a name lookup on a server whose pagination never ends. */
const MAX_LOOKUP_PAGES = 50;

export interface ApimClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

interface CallOptions {
  /** Whose rights the call is made with: the user who runs the template. */
  credentials: BackstageCredentials;
  signal?: AbortSignal;
}

/**
 * The apim backend's REST API as the scaffolder actions need it. Every call carries a token issued on behalf of
 * the template's user, so the apim backend applies the same rules (ownership, permissions, anti-self-approval)
 * as when that user clicks in the portal.
 */
export class ApimClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;

  constructor(options: ApimClientOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
  }

  async createApplication(
    body: CreateApplicationRequest,
    options: CallOptions,
  ): Promise<Application> {
    return this.#request<Application>(
      'POST',
      '/applications',
      options,
      `Could not create application '${body.name}'`,
      body,
    );
  }

  async createSubscription(
    body: CreateSubscriptionRequest,
    options: CallOptions,
  ): Promise<Subscription> {
    return this.#request<Subscription>(
      'POST',
      '/subscriptions',
      options,
      `Could not subscribe application ${body.applicationId} to ${body.apiRef} (plan ${body.plan}, ${body.environment})`,
      body,
    );
  }

  /**
   * The application of that name owned by that group, or undefined. The server filters by owner; the name is
   * matched here because the list API has no name filter.
   */
  async findApplication(
    query: { name: string; owner: string },
    options: CallOptions,
  ): Promise<Application | undefined> {
    const owner = normalizeGroupRef(query.owner);
    const matches: Application[] = [];
    for (let pageIndex = 0; pageIndex < MAX_LOOKUP_PAGES; pageIndex++) {
      const params = new URLSearchParams({
        owner,
        limit: String(MAX_PAGE_SIZE),
        offset: String(pageIndex * MAX_PAGE_SIZE),
      });
      const page = await this.#request<Page<Application>>(
        'GET',
        `/applications?${params}`,
        options,
        `Could not look up application '${query.name}' of ${owner}`,
      );
      matches.push(
        ...page.items.filter(
          app =>
            app.name === query.name && normalizeGroupRef(app.owner) === owner,
        ),
      );
      const seen = page.offset + page.items.length;
      if (page.items.length === 0 || seen >= page.totalCount) break;
    }
    if (matches.length > 1) {
      throw new ConflictError(
        `applicationName: ${matches.length} applications named '${query.name}' are owned by ${owner}; pass applicationId instead`,
      );
    }
    return matches[0];
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    { credentials, signal }: CallOptions,
    failure: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl('apim');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'apim',
    });
    const url = `${baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
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
        `${failure}: the apim backend could not be reached at ${baseUrl}`,
        error,
      );
    }
    if (!response.ok) {
      throw await toError(response, failure);
    }
    return (await response.json()) as T;
  }
}

/**
 * Keeps the error class of the server's answer (so a 403 stays a NotAllowedError for the task) and its message,
 * which names the field or the rule that refused the call.
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

/** `payments-team`, `group:payments-team` and `group:default/payments-team` name the same group. */
export function normalizeGroupRef(ref: string): string {
  const withoutKind = ref.replace(/^group:/i, '');
  const withNamespace = withoutKind.includes('/')
    ? withoutKind
    : `default/${withoutKind}`;
  return `group:${withNamespace}`.toLocaleLowerCase('en-US');
}
