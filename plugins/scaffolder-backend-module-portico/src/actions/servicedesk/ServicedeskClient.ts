import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { CallOptions, PluginRestClient } from '../shared/PluginRestClient';

/** What the service desk answers when an automation's first step asks whether it may run. */
export interface VerifiedAutomation {
  ticketId: string;
  templateRef: string;
  taskId: string;
}

/** The service desk's REST API as the scaffolder actions need it, as the task's initiator. */
export class ServicedeskClient {
  readonly #rest: PluginRestClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#rest = new PluginRestClient({ ...options, pluginId: 'servicedesk' });
  }

  async verifyAutomation(
    ticketId: string,
    claim: { templateRef: string; taskId: string },
    options: CallOptions,
  ): Promise<VerifiedAutomation> {
    return this.#rest.request(
      'POST',
      `/requests/${encodeURIComponent(ticketId)}/automation/verify`,
      options,
      `The automation of ${ticketId} may not run in this task`,
      claim,
    );
  }

  fileRequest(
    body: { service: string; title: string; description?: string; priority: string; formData: Record<string, unknown> },
    options: CallOptions,
  ): Promise<{ ticketId: string; status: string }> {
    return this.#rest.request('POST', '/requests', options, 'Could not file the service desk request', body);
  }
}
