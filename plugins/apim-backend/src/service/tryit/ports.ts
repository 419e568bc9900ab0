import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ApimEnvironment } from '@portico/plugin-apim-common';

/**
 * What Try-It needs from the rest of APIM, implemented by the application, subscription and
 * key services: the key is minted and kept on the server and never reaches the browser.
 */
export interface ConsoleKeyProvider {
  /**
   * A short-lived key of the application for one API (normalised ref) and environment, created
   * on demand and reused while it is valid; it verifies like any other key (`POST /keys/verify`)
   * but for that API only.
   */
  keyFor(applicationId: string, apiRef: string, environment: ApimEnvironment): Promise<string>;
}

export interface TryItAccess {
  /**
   * Throws NotAllowedError unless the caller may use the application (a member of its owner
   * group, or a portal admin) and the application has an active subscription to the API in
   * that environment (ConflictError naming what is missing otherwise).
   */
  assertCanTry(options: {
    credentials: BackstageCredentials;
    applicationId: string;
    apiRef: string;
    environment: ApimEnvironment;
  }): Promise<void>;
}
