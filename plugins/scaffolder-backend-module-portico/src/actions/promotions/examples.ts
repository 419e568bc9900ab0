import type { ActionExample } from '../apim/exampleYaml';

export const createPromotionExamples: ActionExample[] = [
  {
    description:
      'Requests the promotion of a version from STAGING to PROD; an approver of the tenant who is not you decides',
    steps: [
      {
        id: 'promote',
        name: 'Request the promotion to PROD',
        action: 'promotions:request:create',
        input: {
          componentRef: 'component:default/payments-gateway',
          version: '1.4.2',
          gitRef: 'v1.4.2',
          justification: 'Fixes the refund rounding bug reported by finance',
          rollbackPlan: 'Promote 1.4.1 again; no schema change involved',
        },
      },
    ],
  },
  {
    description:
      'Requests a promotion in a change window, with the values of the template form',
    steps: [
      {
        id: 'promote',
        name: 'Request the promotion',
        action: 'promotions:request:create',
        input: {
          componentRef: '${{ parameters.component }}',
          version: '${{ parameters.version }}',
          justification: '${{ parameters.justification }}',
          rollbackPlan: '${{ parameters.rollbackPlan }}',
          changeWindowStart: '2026-12-01T20:00:00Z',
          changeWindowEnd: '2026-12-01T22:00:00Z',
        },
      },
    ],
  },
];

export const verifyAttemptExamples: ActionExample[] = [
  {
    description:
      'The first step of a deployment template: stops the task unless the promotions plugin started it for an approved, unfinished attempt',
    steps: [
      {
        id: 'verify',
        name: 'Check the approved attempt',
        action: 'promotions:attempt:verify',
        input: {
          requestId: '${{ parameters.requestId }}',
          attemptId: '${{ parameters.attemptId }}',
          componentRef: '${{ parameters.componentRef }}',
          version: '${{ parameters.version }}',
          toEnvironment: '${{ parameters.toEnvironment }}',
        },
      },
    ],
  },
];
