export interface Config {
  servicedesk?: {
    intake?: {
      /**
       * The services that may file requests on someone's behalf (`requester_email`), by subject:
       * `external:<subject>` of a static token in backend.auth.externalAccess, or `plugin:<id>`.
       * Any other service gets 403 and an audit record. Default: none.
       */
      allowedSubjects?: string[];
    };
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
