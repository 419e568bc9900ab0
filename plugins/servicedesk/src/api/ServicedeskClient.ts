import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ListRequestsRequest, ServicedeskApi } from './ServicedeskApi';

const segment = encodeURIComponent;

/** Talks to the servicedesk backend plugin with the signed-in user's token (through fetchApi). */
export class ServicedeskClient implements ServicedeskApi {
  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  private async call<T>(path: string, init?: { method: string; body?: unknown }): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('servicedesk');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      ...(init?.body !== undefined
        ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  async listServices(options: { includeInactive?: boolean } = {}) {
    const { items } = await this.call<{ items: any[] }>(`/services${options.includeInactive ? '?includeInactive=true' : ''}`);
    return items;
  }

  getService(slug: string) {
    return this.call<any>(`/services/${segment(slug)}`);
  }

  saveService(slug: string, service: object) {
    return this.call<any>(`/services/${segment(slug)}`, { method: 'PUT', body: service });
  }

  createRequest(body: object) {
    return this.call<any>('/requests', { method: 'POST', body });
  }

  listRequests(request: ListRequestsRequest) {
    const params = new URLSearchParams();
    params.set('scope', request.scope);
    if (request.team) params.set('team', request.team);
    if (request.status?.length) params.set('status', request.status.join(','));
    if (request.priority?.length) params.set('priority', request.priority.join(','));
    if (request.service) params.set('service', request.service);
    if (request.assignee) params.set('assignee', request.assignee);
    if (request.overdue) params.set('overdue', 'true');
    if (request.limit) params.set('limit', String(request.limit));
    if (request.offset) params.set('offset', String(request.offset));
    return this.call<any>(`/requests?${params}`);
  }

  getRequest(ticketId: string) {
    return this.call<any>(`/requests/${segment(ticketId)}`);
  }

  claim(ticketId: string) {
    return this.call<any>(`/requests/${segment(ticketId)}/claim`, { method: 'POST', body: {} });
  }

  assign(ticketId: string, assignee: string) {
    return this.call<any>(`/requests/${segment(ticketId)}/assign`, { method: 'POST', body: { assignee } });
  }

  comment(ticketId: string, body: object) {
    return this.call<any>(`/requests/${segment(ticketId)}/comments`, { method: 'POST', body });
  }

  changeStatus(ticketId: string, body: object) {
    return this.call<any>(`/requests/${segment(ticketId)}/status`, { method: 'POST', body });
  }

  async listTeams() {
    const { items } = await this.call<{ items: any[] }>('/teams');
    return items;
  }

  secretStatus(ticketId: string) {
    return this.call<any>(`/requests/${segment(ticketId)}/secret`);
  }

  revealSecret(ticketId: string) {
    return this.call<any>(`/requests/${segment(ticketId)}/secret/reveal`, { method: 'POST' });
  }

  slaReport() {
    return this.call<any>('/reports/sla');
  }
}
