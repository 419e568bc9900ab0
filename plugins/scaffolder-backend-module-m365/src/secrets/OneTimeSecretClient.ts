import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Where a generated password goes: to the ticket's requester only, once. */
export interface OneTimeSecretSink {
  store(options: {
    ticketId: string;
    label: string;
    secret: string;
    /** The existing account the secret opens: the service desk checks that the requester holds it. */
    forAccount?: string;
    signal?: AbortSignal;
  }): Promise<void>;
}

/**
 * Hands a secret to the service desk (`POST /api/servicedesk/requests/:id/secret`), which keeps it sealed until the
 * requester reveals it once. The call is made with the scaffolder's own service credentials: the service desk
 * accepts secrets only from the scaffolder plugin, never from a user token.
 */
export class ServicedeskOneTimeSecretClient implements OneTimeSecretSink {
  constructor(private readonly deps: { discovery: DiscoveryService; auth: AuthService }) {}

  async store(options: Parameters<OneTimeSecretSink['store']>[0]): Promise<void> {
    const { auth, discovery } = this.deps;
    const baseUrl = await discovery.getBaseUrl('servicedesk');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'servicedesk',
    });
    const response = await fetch(`${baseUrl}/requests/${encodeURIComponent(options.ticketId)}/secret`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: options.label, secret: options.secret, forAccount: options.forAccount }),
      signal: options.signal,
    });
    if (!response.ok) {
      // The error body is the service desk's own (it never echoes the secret); its message names the rule.
      const error = await ResponseError.fromResponse(response);
      error.message = `The service desk refused the one-time secret of ${options.ticketId}: ${error.body.error.message}`;
      throw error;
    }
  }
}
