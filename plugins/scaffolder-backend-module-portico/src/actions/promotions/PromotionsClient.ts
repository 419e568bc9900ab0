import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type {
  AttemptVerification,
  CreatePromotionRequest,
  PromotionRequestDetails,
  VerifiedAttempt,
} from '@portico/plugin-promotions-common';

import { CallOptions, PluginRestClient } from '../shared/PluginRestClient';

/**
 * The promotions backend's REST API as the scaffolder actions need it, called with a token issued on behalf of
 * the task's initiator: the backend applies the same tenant rules as in the portal, and answers a verification
 * only for a task it started itself.
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

  /** Asked by the first step of a deployment template, with the credentials of the task's initiator. */
  async verifyAttempt(
    attemptId: string,
    claim: AttemptVerification,
    options: CallOptions,
  ): Promise<VerifiedAttempt> {
    return this.#rest.request(
      'POST',
      `/attempts/${encodeURIComponent(attemptId)}/verify`,
      options,
      `Deployment attempt ${attemptId} may not run in this task`,
      claim,
    );
  }
}
