import { ClientSecretCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  Context,
  GraphError,
  Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { IntegrationHttpError, Redactor, retryingFetch, RetryPolicy } from '@portico/portico-node';
import { GRAPH_SYSTEM, GraphSettings } from './graphConfig';

/** Sends the Graph client's requests through the house retry policy (429/5xx with Retry-After, timeouts). */
class RetryingFetchHandler implements Middleware {
  constructor(private readonly policy: RetryPolicy) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    context.response = await retryingFetch(url, (context.options ?? {}) as RequestInit, this.policy);
  }
}

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName?: string;
  accountEnabled?: boolean;
  mail?: string | null;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  mail?: string | null;
  groupTypes?: string[];
  mailEnabled?: boolean;
  securityEnabled?: boolean;
  onPremisesSyncEnabled?: boolean | null;
}

/**
 * The Graph calls the m365 actions make, over `@microsoft/microsoft-graph-client` with an app-only token from
 * `@azure/identity`. Every method is one documented v1.0 endpoint; errors become IntegrationHttpError with Graph's
 * OData code and message.
 */
export class GraphApi {
  readonly #client: Client;
  readonly #baseUrl: string;
  readonly #redactor: Redactor;

  constructor(settings: GraphSettings) {
    const credential = new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, {
      authorityHost: settings.authorityHost,
      // Instance discovery asks login.microsoftonline.com about the authority; a sovereign cloud or a test
      // authority is named by the operator, who is trusted.
      disableInstanceDiscovery: settings.authorityHost !== 'https://login.microsoftonline.com',
    });
    const auth = new AuthenticationHandler(
      new TokenCredentialAuthenticationProvider(credential, {
        scopes: [`${new URL(settings.baseUrl).origin}/.default`],
      }),
    );
    auth.setNext(new RetryingFetchHandler({ retries: settings.retries, timeoutMs: settings.timeoutMs }));
    this.#baseUrl = settings.baseUrl;
    this.#redactor = new Redactor([settings.clientSecret]);
    this.#client = Client.initWithMiddleware({
      middleware: auth,
      baseUrl: `${settings.baseUrl}/`,
      defaultVersion: 'v1.0',
      // The token is attached only to Graph's own hosts unless another one is named here. The client compares
      // the host name without its port, so a Graph endpoint on a port (a proxy, a test server) needs the bare name.
      customHosts: new Set([new URL(settings.baseUrl).hostname]),
    });
  }

  /** A directory object reference for `@odata.id` / `@odata.bind`. */
  ref(kind: 'users' | 'directoryObjects', id: string): string {
    return `${this.#baseUrl}/v1.0/${kind}/${encodeURIComponent(id)}`;
  }

  async #call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof GraphError && error.statusCode > 0) {
        throw new IntegrationHttpError(
          GRAPH_SYSTEM,
          error.statusCode,
          this.#redactor.redact(error.message ?? 'no message'),
          error.code ?? undefined,
        );
      }
      throw this.#redactor.redactError(error);
    }
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.#call(() => this.#client.api(path).option('signal', signal).get());
  }

  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.#call(() => this.#client.api(path).option('signal', signal).post(body));
  }

  patch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.#call(() => this.#client.api(path).option('signal', signal).patch(body));
  }

  put<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.#call(() => this.#client.api(path).option('signal', signal).put(body));
  }

  delete(path: string, signal?: AbortSignal): Promise<void> {
    return this.#call(() => this.#client.api(path).option('signal', signal).delete());
  }

  /** Every page of a collection, following `@odata.nextLink` (at most `maxPages`, to bound a runaway listing). */
  async list<T>(path: string, signal?: AbortSignal, maxPages = 100): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next && page < maxPages; page++) {
      const body: { value: T[]; '@odata.nextLink'?: string } = await this.get(next, signal);
      items.push(...body.value);
      next = body['@odata.nextLink'];
    }
    return items;
  }

  /** A user by id or user principal name. */
  getUser(idOrUpn: string, signal?: AbortSignal): Promise<GraphUser> {
    return this.get(
      `/users/${encodeURIComponent(idOrUpn)}?$select=id,userPrincipalName,displayName,accountEnabled,mail`,
      signal,
    );
  }

  /** A group by id, or by its e-mail address or display name. */
  async findGroup(idOrMailOrName: string, signal?: AbortSignal): Promise<GraphGroup | undefined> {
    const select = '$select=id,displayName,mail,groupTypes,mailEnabled,securityEnabled';
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrMailOrName)) {
      return this.get(`/groups/${idOrMailOrName}?${select}`, signal);
    }
    const literal = idOrMailOrName.replace(/'/g, "''");
    const field = idOrMailOrName.includes('@') ? 'mail' : 'displayName';
    const found = await this.get<{ value: GraphGroup[] }>(
      `/groups?$filter=${field} eq '${encodeURIComponent(literal)}'&${select}`,
      signal,
    );
    return found.value[0];
  }
}
