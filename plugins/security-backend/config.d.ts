export interface Config {
  /** Security findings (Trivy, SARIF, Falco). */
  security?: {
    ingest?: {
      /** Service subjects allowed to post reports (e.g. `gitlab-ci`, a static token's subject); users need security.report.ingest. */
      allowedSubjects?: string[];
      /** Largest report body in bytes (default 20 MiB). */
      maxBodyBytes?: number;
      /** Most findings in one report (default 50,000). */
      maxFindings?: number;
    };
    falco?: {
      /**
       * Bearer token Falcosidekick sends (webhook `customheaders`); the endpoint is off when unset.
       * @visibility secret
       */
      token?: string;
      /** Service subjects allowed to post Falco events with their own credentials. */
      allowedSubjects?: string[];
      /** Falco priorities that open an incident ticket (default Emergency, Alert, Critical). */
      incidentPriorities?: string[];
      /** The requester of those tickets in the service desk (e.g. the security team's mailbox); required for them. */
      incidentRequesterEmail?: string;
    };
    /** Service-desk tickets for vulnerabilities: one per (component, vulnerability id). */
    tickets?: {
      /** The service-desk service filed (default incident_report). */
      service?: string;
      /** The requester (default security.falco.incidentRequesterEmail). */
      requesterEmail?: string;
      /** New findings of these severities (e.g. ['critical']) get their pair's ticket automatically (default none). */
      autoFileSeverities?: string[];
    };
    /** Days to fix per severity (critical, high, medium, low); default critical 7, high 30, medium 90. */
    sla?: { [severity: string]: number };
    /**
     * Other SLA clocks by the component's catalog tier (`spec.tier` or the label `tier`) and
     * `spec.lifecycle`, per severity in days, e.g. `tier: { critical: { critical: 3, high: 14 } }`,
     * `lifecycle: { experimental: { critical: 14, high: 60 } }`. Most specific wins: default <
     * lifecycle < tier < the component's `portico.io/security-sla` annotation (`critical=3d,high=14d`).
     */
    slaPolicies?: {
      tier?: { [tier: string]: { [severity: string]: number } };
      lifecycle?: { [lifecycle: string]: { [severity: string]: number } };
    };
    notifications?: {
      /** A runtime finding is notified to its team again only after this many minutes (default 60). */
      repeatIntervalMinutes?: number;
      /** Who hears about findings on images no component claims (default group:default/security). */
      fallbackTeam?: string;
    };
    weeklyReport?: {
      /** The weekly notification of each team's numbers (default true). */
      enabled?: boolean;
    };
    events?: {
      /** Per-finding events from this severity up (default high); every report has its summary event. */
      minSeverity?: string;
    };
    gate?: {
      /** Severities that fail the promotion gate (default critical). */
      severities?: string[];
      /** Only findings past their SLA fail it (default true). */
      pastSlaOnly?: boolean;
    };
    /** How often the component projection follows the catalog (default 300 s). */
    sync?: { intervalSeconds?: number };
    expiry?: { intervalMinutes?: number };
    demo?: {
      /** Ingests the bundled demo reports at start-up: the embedded demo only. */
      seedReports?: boolean;
    };
  };
}
