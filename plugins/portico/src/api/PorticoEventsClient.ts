import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { EventsPage } from '@portico/plugin-portico-common';
import type { ListEventsRequest, PorticoEventsApi } from './PorticoEventsApi';

/** Talks to the portico backend plugin with the signed-in user's token (through fetchApi). */
export class PorticoEventsClient implements PorticoEventsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listEvents(request: ListEventsRequest = {}): Promise<EventsPage> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request)) {
      if (value !== undefined && value !== '') {
        query.set(name, String(value));
      }
    }
    const search = query.toString();
    const url = `${await this.baseUrl()}/events${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as EventsPage;
  }

  async retryEvent(plugin: string, id: string): Promise<void> {
    const url = `${await this.baseUrl()}/events/${encodeURIComponent(
      plugin,
    )}/${encodeURIComponent(id)}/retry`;
    const response = await this.fetchApi.fetch(url, { method: 'POST' });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  private baseUrl(): Promise<string> {
    return this.discoveryApi.getBaseUrl('portico');
  }
}
