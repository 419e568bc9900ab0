export interface Config {
  apim?: {
    /** The API portal's projection of the catalog's APIs (what GET /apis lists). */
    projection?: {
      /** Seconds between two syncs with the catalog (etags first, only changed APIs are read). Default 60. */
      syncIntervalSeconds?: number;
    };
    keys?: {
      /**
       * Hours an API key keeps working after it was rotated, unless the rotation asks for
       * another grace period. Default 24.
       */
      rotationGraceHours?: number;
      /** Days before an API key expires that its application's owner group is told. Default 7. */
      expiryNoticeDays?: number;
    };
    verify?: {
      /**
       * The service subjects allowed to call `POST /keys/verify` (the `subject` of a
       * static token in backend.auth.externalAccess, or `plugin:<pluginId>`). Everyone else gets
       * 403 and an audit record. Default: none.
       */
      allowedSubjects?: string[];
    };
    /**
     * Limits on the API definitions read from the catalog (catalog data anyone may write).
     * External `$ref`s (files, URLs) are never resolved, whatever these say.
     */
    definitions?: {
      /** Longest definition text, in bytes. Default 2097152 (2 MiB). */
      maxBytes?: number;
      /** Deepest nesting of objects and arrays. Default 64. */
      maxDepth?: number;
    };
    /** API gateways in front of the APIs (`portico-gateway nginx`, packages/gateway). */
    gateway?: {
      /**
       * Service subjects that may call `GET /gateway/authorize` and `POST /gateway/usage`, e.g.
       * `gateway` for a static token with that subject in `backend.auth.externalAccess`. Default: none.
       */
      allowedSubjects?: string[];
    };
    /** The Try-It console's proxy. */
    tryIt?: {
      /** HTTP methods Try-It may send per environment; default all, production GET/HEAD/OPTIONS/POST. */
      allowedMethods?: { sandbox?: string[]; staging?: string[]; production?: string[] };
      /** Largest request body forwarded, in bytes. Default 262144. */
      maxRequestBodyBytes?: number;
      /** Largest response body returned, in bytes; longer ones are truncated. Default 1048576. */
      maxResponseBodyBytes?: number;
      /** Total time for one call (DNS, connect, response). Default 10. */
      timeoutSeconds?: number;
      /**
       * Private targets Try-It may call besides public addresses: a host name (`*.` prefix for a
       * domain) or a CIDR, each with the ports it may be reached on. A definition's
       * `x-portico-private` opens nothing by itself. Loopback and link-local are never called,
       * listed or not. Default: none.
       */
      privateTargets?: Array<{ host?: string; cidr?: string; ports: number[] }>;
      /** Calls one user may send per minute (burst, then evenly spread); then 429. Default 30. */
      callsPerMinute?: number;
    };
  };
}
