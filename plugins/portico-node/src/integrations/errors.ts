import { CustomErrorBase } from '@backstage/errors';

/**
 * An outside system (Microsoft Graph, AWX, PennyLane...) has no configuration: the message names the app-config key
 * an operator must set, so the service desk can say "not configured" and route the ticket to its team.
 */
export class IntegrationNotConfiguredError extends CustomErrorBase {
  name = 'IntegrationNotConfiguredError' as const;
  constructor(readonly system: string, readonly missingKey: string) {
    super(`${system} is not configured: set ${missingKey} in app-config`);
  }
}

/** An outside system answered with an error; `vendorMessage` is what it said, without our secrets. */
export class IntegrationHttpError extends CustomErrorBase {
  name = 'IntegrationHttpError' as const;
  constructor(
    readonly system: string,
    readonly status: number,
    readonly vendorMessage: string,
    readonly vendorCode?: string,
  ) {
    super(
      `${system} answered HTTP ${status}${vendorCode ? ` ${vendorCode}` : ''}: ${vendorMessage}`,
    );
  }
}
