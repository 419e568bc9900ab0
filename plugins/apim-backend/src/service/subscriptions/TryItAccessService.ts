import type { BackstageCredentials, BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { ApimEnvironment } from '@portico/plugin-apim-common';
import type { AccessService } from '../access/AccessService';
import type { ApplicationService } from '../applications/ApplicationService';
import { normalizeRef } from '../refs';
import type { TryItAccess } from '../tryit/ports';
import type { SubscriptionService } from './SubscriptionService';

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type?: string }).type === 'user';
}

/**
 * Try-It may call an API with an application's key only for a member of the application's
 * owner group (or a portal admin), and only while the application has an active subscription
 * to that API in that environment.
 */
export class TryItAccessService implements TryItAccess {
  constructor(
    private readonly options: {
      access: AccessService;
      applications: ApplicationService;
      subscriptions: SubscriptionService;
    },
  ) {}

  async assertCanTry(options: {
    credentials: BackstageCredentials;
    applicationId: string;
    apiRef: string;
    environment: ApimEnvironment;
  }): Promise<void> {
    const { credentials } = options;
    if (!isUser(credentials)) {
      throw new NotAllowedError('Try-It is for signed-in users');
    }
    const caller = await this.options.access.authorize(credentials);
    const application = await this.options.applications.get(options.applicationId);
    if (!caller.isAdmin && !caller.isMemberOf(application.owner)) {
      throw new NotAllowedError(
        `Only members of ${application.owner} or portal admins can call APIs with application '${application.name}'`,
      );
    }
    const apiRef = normalizeRef(options.apiRef, 'api', 'apiRef');
    const active = await this.options.subscriptions.activeSubscription(
      application.id,
      apiRef,
      options.environment,
    );
    if (!active) {
      throw new ConflictError(
        `Application '${application.name}' has no active subscription to ${apiRef} in ${options.environment}`,
      );
    }
  }
}
