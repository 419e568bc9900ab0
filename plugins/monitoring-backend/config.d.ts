export interface Config {
  monitoring?: {
    alertmanager?: {
      /** Alertmanager's base URL; when set, acknowledging creates a silence through its API v2. */
      baseUrl?: string;
      /**
       * Bearer token Alertmanager sends (`http_config.authorization.credentials`) to
       * POST /api/monitoring/alertmanager; the endpoint is off when unset.
       * @visibility secret
       */
      webhookToken?: string;
      /**
       * Seconds between asks to Alertmanager for the acknowledged alerts it no longer holds
       * (a silenced alert's resolve is muted, so it is learned this way). Default 30.
       */
      reconcileSeconds?: number;
    };
    grafana?: {
      /**
       * Bearer token of Grafana's webhook contact point (POST /api/monitoring/grafana); off when unset.
       * @visibility secret
       */
      webhookToken?: string;
    };
    prometheus?: {
      /** Prometheus's base URL, for the rules page, RED metrics and SLOs. */
      baseUrl?: string;
    };
    /** Alert labels whose value names the component, tried in order. Default component, service, job. */
    componentLabels?: string[];
    routing?: {
      /** The same fingerprint is not notified again within this many minutes. Default 60. */
      repeatIntervalMinutes?: number;
      /** Who hears about alerts of components without an owner. Default group:default/sre. */
      fallbackTeam?: string;
    };
    catalogSync?: { intervalSeconds?: number };
    health?: {
      intervalSeconds?: number;
      timeoutMs?: number;
      concurrency?: number;
      /** Consecutive failed checks before the internal alert fires. Default 3. */
      downAfterChecks?: number;
      retentionDays?: number;
      /**
       * Private hosts/CIDRs (with ports) health URLs may reach; health URLs come from catalog YAML,
       * so only public addresses are probed unless listed here. Loopback and link-local never.
       */
      privateTargets?: Array<{ host?: string; cidr?: string; ports: number[] }>;
    };
    ack?: { defaultMinutes?: number };
    /**
     * Maintenance silences of promotions: an approved request silences its component over its
     * change window (without one, from the approval), until the deployment succeeds or fails;
     * a retried deployment silences it again until the retry's outcome.
     */
    promotionSilences?: {
      /** Default true. */
      enabled?: boolean;
      /** How long the silence of an approval or a retry without a change window lasts at most. Default 60. */
      maxMinutes?: number;
    };
  };
}
