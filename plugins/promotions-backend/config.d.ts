export interface Config {
  /** Promotion requests: environment chain, approvals, executors, timeouts. */
  promotions?: {
    /**
     * The environment chain, in order; a request promotes from one environment to the next.
     * Default [STAGING, PROD].
     */
    environments?: string[];
    /** Minutes an executor has to finish a deployment before it is marked FAILED. Default 30. */
    deploymentTimeoutMinutes?: number;
    /** Hours after the approval during which a failed deployment may be retried on the same approval. Default 24. */
    retryWindowHours?: number;
    /** Seconds between two passes of the deployment follower (start attempts, follow tasks, time out). Default 10. */
    followIntervalSeconds?: number;
    /** Per target environment (a key of the chain but its first), e.g. PROD. */
    targets?: {
      [environment: string]: {
        /** Distinct approvers needed, none of them the requester. Default 1. */
        requiredApprovals?: number;
        /** `scaffolder` (built-in: runs `template`) or `external` (AWX style: calls back). Default scaffolder. */
        executor?: 'scaffolder' | 'external';
        /** The template the built-in executor runs. Default template:default/promotion-deploy. */
        template?: string;
        /**
         * The services that may report deployments to this environment on
         * POST /requests/:id/deployment (the external executor), by subject: `external:<subject>`
         * of a static token in backend.auth.externalAccess, or `plugin:<id>`. Any other caller
         * gets 403 and an audit record. Default: none.
         */
        executorSubjects?: string[];
      };
    };
    /** Evidence gates by id: `blocking: true` makes a failing gate refuse approval. */
    gates?: {
      [gateId: string]: {
        /** Default true. */
        enabled?: boolean;
        /** Default false: the gate's result is shown, approval is not refused. */
        blocking?: boolean;
      };
    };
  };
}
