export interface Config {
  portico?: {
    integrations?: {
      /** PennyLane (API v1), for pennylane:invoices:sync. */
      pennylane?: {
        /** @visibility secret */
        token?: string;
        /** Default https://app.pennylane.com/api/external/v1 */
        baseUrl?: string;
        timeoutSeconds?: number;
        retries?: number;
      };
      /** PayFit partner API, for payfit:employees:export. */
      payfit?: {
        /** @visibility secret */
        token?: string;
        /** The PayFit company id. */
        companyId?: string;
        /** Default https://partner-api.payfit.com */
        baseUrl?: string;
        timeoutSeconds?: number;
        retries?: number;
      };
      /** Power BI REST API with an Entra app (client credentials), for powerbi:dataset:push-rows. */
      powerBi?: {
        tenantId?: string;
        clientId?: string;
        /** @visibility secret */
        clientSecret?: string;
        /** Default https://login.microsoftonline.com */
        authorityHost?: string;
        /** Default https://api.powerbi.com/v1.0/myorg */
        baseUrl?: string;
        timeoutSeconds?: number;
        retries?: number;
      };
    };
  };
}
