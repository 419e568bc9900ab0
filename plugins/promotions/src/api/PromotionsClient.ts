import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CreatePromotionRequest,
  Page,
  PromotionRequest,
  PromotionRequestDetails,
  PromotionSettingsView,
} from '@portico/plugin-promotions-common';
import type { ListPromotionsRequest, PromotionsApi } from './PromotionsApi';

function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Talks to the promotions backend plugin with the signed-in user's token (through fetchApi). */
export class PromotionsClient implements PromotionsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getSettings(): Promise<PromotionSettingsView> {
    return this.call('GET', '/settings');
  }

  listRequests(request: ListPromotionsRequest = {}): Promise<Page<PromotionRequest>> {
    return this.call('GET', `/requests${queryString({ ...request })}`);
  }

  async countAwaitingMyApproval(): Promise<number> {
    const { count } = await this.call<{ count: number }>('GET', '/requests/count');
    return count;
  }

  getRequest(id: string): Promise<PromotionRequestDetails> {
    return this.call('GET', `/requests/${encodeURIComponent(id)}`);
  }

  createRequest(request: CreatePromotionRequest): Promise<PromotionRequestDetails> {
    return this.call('POST', '/requests', request);
  }

  approve(id: string, comment?: string): Promise<PromotionRequestDetails> {
    return this.call('POST', `/requests/${encodeURIComponent(id)}/approve`, comment ? { comment } : {});
  }

  reject(id: string, comment: string): Promise<PromotionRequestDetails> {
    return this.call('POST', `/requests/${encodeURIComponent(id)}/reject`, { comment });
  }

  retry(id: string, comment?: string): Promise<PromotionRequestDetails> {
    return this.call('POST', `/requests/${encodeURIComponent(id)}/retry`, comment ? { comment } : {});
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('promotions');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
