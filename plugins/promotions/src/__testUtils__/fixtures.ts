import type {
  Page,
  PromotionRequest,
  PromotionRequestDetails,
} from '@portico/plugin-promotions-common';

export const REQUEST_ID = '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d';

export function promotion(overrides: Partial<PromotionRequest> = {}): PromotionRequest {
  return {
    id: REQUEST_ID,
    componentRef: 'component:default/payments-gateway',
    componentTitle: 'Payments gateway',
    tenant: 'acme',
    version: '1.4.2',
    fromEnvironment: 'STAGING',
    toEnvironment: 'PROD',
    justification: 'Fixes the refund rounding bug',
    rollbackPlan: 'Promote 1.4.1 again',
    state: 'PENDING',
    requestedBy: 'user:default/alice',
    requiredApprovals: 1,
    approvals: [],
    createdAt: '2026-11-21T12:00:00.000Z',
    updatedAt: '2026-11-21T12:00:00.000Z',
    ...overrides,
  };
}

export function details(overrides: Partial<PromotionRequestDetails> = {}): PromotionRequestDetails {
  return {
    ...promotion(),
    timeline: [{ action: 'create', from: null, to: 'PENDING', actor: 'user:default/alice', at: '2026-11-21T12:00:00.000Z' }],
    attempts: [],
    evidence: [
      {
        gateId: 'version-not-deployed',
        title: 'Version not already deployed',
        status: 'pass',
        summary: 'No earlier request deployed 1.4.2 to PROD',
        blocking: true,
      },
    ],
    permittedActions: [],
    ...overrides,
  };
}

export function page<T>(items: T[], totalCount = items.length): Page<T> {
  return { items, totalCount, limit: 20, offset: 0 };
}
