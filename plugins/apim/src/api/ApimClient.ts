import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  ApiDetails,
  ApiKeyView,
  ApiSummary,
  Application,
  CodeSample,
  CodeSamplesRequest,
  CreateApplicationRequest,
  CreateKeyRequest,
  CreateSubscriptionRequest,
  IssuedApiKey,
  Page,
  Subscription,
  TryItRequest,
  TryItResponse,
  UpdateApplicationRequest,
  UsageDay,
  ApiUsage,
} from '@portico/plugin-apim-common';
import type {
  ApimApi,
  ListApisRequest,
  ListApplicationsRequest,
  ListSubscriptionsRequest,
  Openapi30Export,
  RotateKeyRequest,
  SubscriptionAction,
} from './ApimApi';

type QueryValue = string | number | boolean | undefined;

function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(name, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

const segment = encodeURIComponent;

/** Talks to the apim backend plugin with the signed-in user's token (through fetchApi). */
export class ApimClient implements ApimApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listApis(request: ListApisRequest = {}): Promise<Page<ApiSummary>> {
    return this.get(`/apis${queryString({ ...request })}`);
  }

  getApi(apiRef: string): Promise<ApiDetails> {
    const { namespace, name } = parseEntityRef(apiRef, {
      defaultKind: 'api',
      defaultNamespace: 'default',
    });
    return this.get(`/apis/${segment(namespace)}/${segment(name)}`);
  }

  listApplications(
    request: ListApplicationsRequest = {},
  ): Promise<Page<Application>> {
    const { mine, ...rest } = request;
    return this.get(
      `/applications${queryString({
        ...rest,
        mine: mine ? 'true' : undefined,
      })}`,
    );
  }

  getApplication(id: string): Promise<Application> {
    return this.get(`/applications/${segment(id)}`);
  }

  createApplication(request: CreateApplicationRequest): Promise<Application> {
    return this.send('POST', '/applications', request);
  }

  updateApplication(
    id: string,
    request: UpdateApplicationRequest,
  ): Promise<Application> {
    return this.send('PATCH', `/applications/${segment(id)}`, request);
  }

  async deleteApplication(id: string): Promise<void> {
    await this.send('DELETE', `/applications/${segment(id)}`);
  }

  listSubscriptions(
    request: ListSubscriptionsRequest = {},
  ): Promise<Page<Subscription>> {
    const { awaitingMyDecision, ...rest } = request;
    return this.get(
      `/subscriptions${queryString({
        ...rest,
        awaitingMyDecision: awaitingMyDecision ? 'true' : undefined,
      })}`,
    );
  }

  getSubscription(id: string): Promise<Subscription> {
    return this.get(`/subscriptions/${segment(id)}`);
  }

  createSubscription(
    request: CreateSubscriptionRequest,
  ): Promise<Subscription> {
    return this.send('POST', '/subscriptions', request);
  }

  changeSubscription(
    id: string,
    action: SubscriptionAction,
    comment?: string,
  ): Promise<Subscription> {
    const trimmed = comment?.trim();
    return this.send(
      'POST',
      `/subscriptions/${segment(id)}/${action}`,
      trimmed ? { comment: trimmed } : {},
    );
  }

  rejectSubscription(id: string, comment: string): Promise<Subscription> {
    return this.send('POST', `/subscriptions/${segment(id)}/reject`, {
      comment: comment.trim(),
    });
  }

  listKeys(applicationId: string): Promise<ApiKeyView[]> {
    return this.get(`/applications/${segment(applicationId)}/keys`);
  }

  createKey(
    applicationId: string,
    request: CreateKeyRequest,
  ): Promise<IssuedApiKey> {
    return this.send(
      'POST',
      `/applications/${segment(applicationId)}/keys`,
      request,
    );
  }

  rotateKey(
    keyId: string,
    request: RotateKeyRequest = {},
  ): Promise<IssuedApiKey> {
    return this.send('POST', `/keys/${segment(keyId)}/rotate`, request);
  }

  revokeKey(keyId: string): Promise<ApiKeyView> {
    return this.send('POST', `/keys/${segment(keyId)}/revoke`, {});
  }

  exportOpenapi30(apiRef: string): Promise<Openapi30Export> {
    const { namespace, name } = parseEntityRef(apiRef, { defaultKind: 'api', defaultNamespace: 'default' });
    return this.get(`/apis/${segment(namespace)}/${segment(name)}/openapi-3.0`);
  }

  async getApplicationUsage(applicationId: string, days: number): Promise<UsageDay[]> {
    const body = await this.get<{ days: UsageDay[] }>(
      `/applications/${segment(applicationId)}/usage?days=${days}`,
    );
    return body.days;
  }

  async getApplicationUsageCsv(applicationId: string, days: number): Promise<string> {
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}/applications/${segment(applicationId)}/usage?days=${days}&format=csv`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  private apiPath(apiRef: string): string {
    const { namespace, name } = parseEntityRef(apiRef, { defaultKind: 'api', defaultNamespace: 'default' });
    return `/apis/${segment(namespace)}/${segment(name)}`;
  }

  getApiUsage(apiRef: string, days: number): Promise<ApiUsage> {
    return this.get(`${this.apiPath(apiRef)}/usage?days=${days}`);
  }

  async getApiUsageCsv(apiRef: string, days: number): Promise<string> {
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}${this.apiPath(apiRef)}/usage?days=${days}&format=csv`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  tryIt(request: TryItRequest): Promise<TryItResponse> {
    return this.send('POST', '/try-it', request);
  }

  async codeSamples(request: CodeSamplesRequest): Promise<CodeSample[]> {
    const body = await this.send<{ samples: CodeSample[] }>(
      'POST',
      '/code-samples',
      request,
    );
    return body.samples;
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}${path}`,
    );
    return this.read<T>(response);
  }

  private async send<T>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.fetchApi.fetch(
      `${await this.baseUrl()}${path}`,
      {
        method,
        ...(body === undefined
          ? {}
          : {
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            }),
      },
    );
    return this.read<T>(response);
  }

  private async read<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private baseUrl(): Promise<string> {
    return this.discoveryApi.getBaseUrl('apim');
  }
}
