export interface Config {
  portico?: {
    /** Scheduled template runs (portal admins manage them on the Schedules page). */
    schedules?: {
      /** Seconds between two passes of the runner that starts due schedules and follows their tasks (default 30). */
      tickSeconds?: number;
      /**
       * Example schedules inserted once by name, always disabled: a portal admin enables one (and so
       * vouches for it). The templates must be annotated `portico.io/schedulable: "true"`.
       */
      examples?: Array<{
        name: string;
        templateRef: string;
        /** Five fields, UTC. Give this or intervalMinutes. */
        cron?: string;
        intervalMinutes?: number;
        /** The user or group told when a run fails. */
        owner: string;
        parameters?: { [name: string]: string | number | boolean };
      }>;
    };
  };
}
