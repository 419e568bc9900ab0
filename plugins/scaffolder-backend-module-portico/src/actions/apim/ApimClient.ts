import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  MAX_PAGE_SIZE,
  type Application,
  type CreateApplicationRequest,
  type CreateSubscriptionRequest,
  type Page,
  type Subscription,
} from '@portico/plugin-apim-common';

/** Stops a name lookup on a server whose pagination never ends. */
const MAX_LOOKUP_PAGES = 50;

export interface ApimClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

import { CallOptions, PluginRestClient } from '../shared/PluginRestClient';

/**
 * The apim backend's REST API as the scaffolder actions need it. Every call carries a token issued on behalf of
 * the template's user, so the apim backend applies the same rules (ownership, permissions, anti-self-approval)
 * as when that user clicks in the portal.
 */
export class ApimClient {
  readonly #rest: PluginRestClient;

  constructor(options: ApimClientOptions) {
    this.#rest = new PluginRestClient({ ...options, pluginId: 'apim' });
  }

  async createApplication(
    body: CreateApplicationRequest,
    options: CallOptions,
  ): Promise<Application> {
    return this.#rest.request<Application>(
      'POST',
      '/applications',
      options,
      `Could not create application '${body.name}'`,
      body,
    );
  }

  async createSubscription(
    body: CreateSubscriptionRequest,
    options: CallOptions,
  ): Promise<Subscription> {
    return this.#rest.request<Subscription>(
      'POST',
      '/subscriptions',
      options,
      `Could not subscribe application ${body.applicationId} to ${body.apiRef} (plan ${body.plan}, ${body.environment})`,
      body,
    );
  }

  /**
   * The application of that name owned by that group, or undefined. The server filters by owner; the name is
   * matched here because the list API has no name filter.
   */
  async findApplication(
    query: { name: string; owner: string },
    options: CallOptions,
  ): Promise<Application | undefined> {
    const owner = normalizeGroupRef(query.owner);
    const matches: Application[] = [];
    for (let pageIndex = 0; pageIndex < MAX_LOOKUP_PAGES; pageIndex++) {
      const params = new URLSearchParams({
        owner,
        limit: String(MAX_PAGE_SIZE),
        offset: String(pageIndex * MAX_PAGE_SIZE),
      });
      const page = await this.#rest.request<Page<Application>>(
        'GET',
        `/applications?${params}`,
        options,
        `Could not look up application '${query.name}' of ${owner}`,
      );
      matches.push(
        ...page.items.filter(
          app =>
            app.name === query.name && normalizeGroupRef(app.owner) === owner,
        ),
      );
      const seen = page.offset + page.items.length;
      if (page.items.length === 0 || seen >= page.totalCount) break;
    }
    if (matches.length > 1) {
      throw new ConflictError(
        `applicationName: ${matches.length} applications named '${query.name}' are owned by ${owner}; pass applicationId instead`,
      );
    }
    return matches[0];
  }
}

/** `payments-team`, `group:payments-team` and `group:default/payments-team` name the same group. */
export function normalizeGroupRef(ref: string): string {
  const withoutKind = ref.replace(/^group:/i, '');
  const withNamespace = withoutKind.includes('/')
    ? withoutKind
    : `default/${withoutKind}`;
  return `group:${withNamespace}`.toLocaleLowerCase('en-US');
}
