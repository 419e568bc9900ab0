export interface Config {
  servicedesk?: {
    automation?: {
      /** How often the running automations (scaffolder tasks) are followed, in seconds. Default 5. */
      pollIntervalSeconds?: number;
    };
  };
}
