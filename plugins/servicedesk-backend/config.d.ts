export interface Config {
  servicedesk?: {
    secrets?: {
      /**
       * Key that seals one-time secrets (temporary passwords) at rest. Without it a random key per process: a secret
       * not revealed before a restart is lost (the requester files again).
       * @visibility secret
       */
      encryptionKey?: string;
    };
    automation?: {
      /** How often the running automations (scaffolder tasks) are followed, in seconds. Default 5. */
      pollIntervalSeconds?: number;
    };
  };
}
