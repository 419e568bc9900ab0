import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { CallOptions, PluginRestClient } from '../shared/PluginRestClient';

/** The service desk's REST API, called as the template's user. */
export class ServicedeskClient {
  readonly #rest: PluginRestClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#rest = new PluginRestClient({ ...options, pluginId: 'servicedesk' });
  }

  fileRequest(
    body: { service: string; title: string; description?: string; priority: string; formData: Record<string, unknown> },
    options: CallOptions,
  ): Promise<{ ticketId: string; status: string }> {
    return this.#rest.request('POST', '/requests', options, 'Could not file the service desk request', body);
  }
}
