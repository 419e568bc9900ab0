export interface Config {
  portico?: {
    integrations?: {
      /** Ansible AWX / Automation Controller, for awx:job:launch. */
      awx?: {
        /** e.g. https://awx.example.com */
        baseUrl?: string;
        /**
         * OAuth2 personal access token of the AWX user that launches the job templates.
         * @visibility secret
         */
        token?: string;
        /** Per-call timeout in seconds. Default 30. */
        timeoutSeconds?: number;
        /** Retries on 429 and 5xx. Default 3. */
        retries?: number;
        /** How often a launched job is polled, in seconds. Default 5. */
        pollIntervalSeconds?: number;
      };
      /** Slack, for notify:slack:message: an incoming webhook, or a bot token for chat.postMessage. */
      slack?: {
        /** @visibility secret */
        webhookUrl?: string;
        /** @visibility secret */
        botToken?: string;
        /** Channel used with the bot token when the step names none. */
        defaultChannel?: string;
        /** Slack Web API base URL. Default https://slack.com/api */
        apiBaseUrl?: string;
      };
      /** Microsoft Teams, for notify:teams:message: an incoming webhook (or a Workflows webhook). */
      teams?: {
        /** @visibility secret */
        webhookUrl?: string;
      };
      /** Targets of the guarded http:request action: each is a base URL and its credentials, named here only. */
      http?: {
        /**
         * Private hosts or CIDRs, with ports, that a target's host may resolve to. Every call resolves the host,
         * checks each address (public unicast is allowed; private only when listed here; loopback and link-local
         * never) and pins the connection to the checked addresses. Default: none.
         */
        privateTargets?: Array<{ host?: string; cidr?: string; ports: number[] }>;
        targets?: {
          [name: string]: {
            /** Scheme and host the target may reach; paths are appended to it and may not leave it. */
            baseUrl?: string;
            /**
             * Headers sent with every call (credentials).
             * @visibility secret
             */
            headers?: { [name: string]: string };
            /** Methods allowed. Default GET and POST. */
            methods?: string[];
            /** Path prefixes allowed. Default: all under baseUrl. */
            pathPrefixes?: string[];
            timeoutSeconds?: number;
            retries?: number;
          };
        };
      };
    };
  };
}
