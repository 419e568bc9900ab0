export interface Config {
  lifecycle?: {
    /** Seconds between two passes of the catalog Resources sync (default 30). */
    syncIntervalSeconds?: number;
    /** Seconds between two passes of notices and teardowns (default 30). */
    runIntervalSeconds?: number;
    /**
     * Templates the built-in executor runs per resource type (`namespace`, `database`...) as the
     * lifecycle plugin; `default` for the others. Without a teardown template: sandbox-teardown.
     */
    resourceTypes?: {
      [type: string]: {
        provisionTemplate?: string;
        teardownTemplate?: string;
      };
    };
    /** End-to-end tests only: POST /api/lifecycle/testing/clock moves the lifecycle's clock. Refused in production. */
    testHooks?: {
      clock?: boolean;
    };
  };
  portico?: {
    /** Where portico:publish:local writes repositories and the catalog reads them back. */
    localRepositories?: {
      /** A folder; relative to the backend's working folder (default .portico-data/repos). */
      directory?: string;
      /** Seconds between two reads of the folder by the catalog (default 10). */
      refreshSeconds?: number;
    };
  };
}
