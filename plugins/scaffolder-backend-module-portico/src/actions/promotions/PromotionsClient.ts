import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type {
  CreatePromotionRequest,
  PromotionRequestDetails,
} from '@portico/plugin-promotions-common';

import { CallOptions, PluginRestClient } from '../shared/PluginRestClient';

/**
 * The promotions backend's REST API as the scaffolder actions need it, called with a token issued on behalf of
 * the template's user: the backend applies the same tenant and anti-self-approval rules as in the portal.
 */
export class PromotionsClient {
  readonly #rest: PluginRestClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#rest = new PluginRestClient({ ...options, pluginId: 'promotions' });
  }

  async createRequest(
    body: CreatePromotionRequest,
    options: CallOptions,
  ): Promise<PromotionRequestDetails> {
    return this.#rest.request(
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
    return this.#rest.request(
      'POST',
      `/requests/${encodeURIComponent(id)}/approve`,
      options,
      `Could not approve promotion request ${id}`,
      comment ? { comment } : {},
    );
  }
}
