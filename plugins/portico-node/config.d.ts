export interface Config {
  portico?: {
    metrics?: {
      /**
       * Serve Prometheus metrics at /metrics on the backend root. Defaults to true.
       */
      enabled?: boolean;
      /**
       * When set, scrapers must send `Authorization: Bearer <token>`. Required with
       * NODE_ENV=production; an empty value is a start-up error, never "no auth".
       * @visibility secret
       */
      token?: string;
    };
    /** The outbox relay of every Portico plugin. */
    events?: {
      relay?: {
        /** Seconds between relay passes. Default 2. */
        intervalSeconds?: number;
        /** Rows claimed per batch. Default 500. */
        batchSize?: number;
        /** Batches per pass at most. Default 40. */
        maxBatchesPerPass?: number;
        /** How long a relay holds the rows it claimed. Default 60. */
        leaseSeconds?: number;
        /**
         * Failed attempts blamed on one event (a target refused it while taking others) before
         * it is parked as dead letter, shown on the events page with Retry. Default 10.
         */
        maxAttempts?: number;
        backoff?: {
          /** First retry delay after a failure, in seconds, doubled on each failure. Default 1. */
          initialSeconds?: number;
          /** Longest retry delay, in seconds. Default 600. */
          maxSeconds?: number;
        };
      };
      /** Days a delivered event stays in the outbox (for the events page). Default 7. */
      retentionDays?: number;
    };
    /** Kafka (or any Kafka-API broker). Without brokers, events stay in-process. */
    kafka?: {
      /** `host:port` of each bootstrap broker: a list, or one comma-separated string. */
      brokers?: string[] | string;
      clientId?: string;
      /** Prepended to every topic name, e.g. `prod.`. */
      topicPrefix?: string;
      ssl?: boolean;
      sasl?: {
        mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
        username: string;
        /** @visibility secret */
        password: string;
      };
      connectionTimeoutMs?: number;
      requestTimeoutMs?: number;
      /** Retries inside one send; the relay's back-off handles longer outages. Default 2. */
      retries?: number;
    };
  };
}
