import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { CostCenterSummary, ResourceDetail, ResourceView } from '@portico/plugin-lifecycle-common';
import type { LifecycleApi, Page, ResourceFilters } from './LifecycleApi';

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Talks to the lifecycle backend with the signed-in user's token (through fetchApi). */
export class LifecycleClient implements LifecycleApi {
  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  expiring(filters: ResourceFilters & { withinHours?: number }): Promise<Page<ResourceView>> {
    return this.call('GET', `/resources/expiring${queryString({ ...filters })}`);
  }

  violations(filters: ResourceFilters): Promise<Page<ResourceView>> {
    return this.call('GET', `/resources/violations${queryString({ ...filters })}`);
  }

  async costCenters(): Promise<CostCenterSummary[]> {
    return (await this.call<{ items: CostCenterSummary[] }>('GET', '/cost-centers')).items;
  }

  resource(entityRef: string): Promise<ResourceDetail> {
    return this.call('GET', `/resources/by-ref${queryString({ entityRef })}`);
  }

  extend(request: { entityRef: string; days: number; reason: string }): Promise<ResourceDetail> {
    return this.call('POST', '/resources/extend', request);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('lifecycle');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
