export interface Config {
  portico?: {
    integrations?: {
      /**
       * Every key is optional to the schema so that unset environment variables leave the system "not configured"
       * instead of stopping the backend; the actions name the missing one.
       *
       * Microsoft Graph, with an app registration's client credentials (application permissions). Absent: the m365
       * actions fail with the missing key named, and the service desk shows their services as "not configured".
       */
      microsoftGraph?: {
        /** Directory (tenant) id of the app registration. */
        tenantId?: string;
        /** Application (client) id. */
        clientId?: string;
        /** @visibility secret */
        clientSecret?: string;
        /** Microsoft Entra authority. Default https://login.microsoftonline.com (another cloud, or a test server). */
        authorityHost?: string;
        /** Graph endpoint. Default https://graph.microsoft.com (v1.0 is appended). */
        baseUrl?: string;
        /** Per-call timeout in seconds. Default 30. */
        timeoutSeconds?: number;
        /** Retries on 429 and 5xx. Default 3. */
        retries?: number;
        /** Usage location set on new users (needed before a licence is assigned), e.g. FR. */
        defaultUsageLocation?: string;
        /** How long m365:sharepoint:create-site waits for the group's site to be provisioned, in seconds. Default 120. */
        siteProvisioningTimeoutSeconds?: number;
      };
    };
  };
}
