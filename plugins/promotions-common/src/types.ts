/**
 * A promotion request moves one version of a component from one environment to the next
 * (STAGING to PROD by default):
 *
 *   PENDING -> APPROVED -> DEPLOYING -> DEPLOYED
 *   PENDING -> REJECTED
 *   DEPLOYING -> FAILED -> DEPLOYING (a retry, within the retry window)
 */
export const PROMOTION_STATES = [
  'PENDING',
  'APPROVED',
  'REJECTED',
  'DEPLOYING',
  'DEPLOYED',
  'FAILED',
] as const;
export type PromotionState = (typeof PROMOTION_STATES)[number];

/** What moves a request: people approve, reject and retry; the executors report the rest. */
export const PROMOTION_ACTIONS = [
  'create',
  'approve',
  'reject',
  'deploy',
  'succeed',
  'fail',
  'retry',
  'expire',
] as const;
export type PromotionAction = (typeof PROMOTION_ACTIONS)[number];

/** The actions a person takes through the API (the others are the system's). */
export type PromotionUserAction = 'approve' | 'reject' | 'retry';

/** One entry of a request's timeline: every transition, who, when, from, to, why. */
export interface PromotionTransition {
  action: PromotionAction;
  from: PromotionState | null;
  to: PromotionState;
  actor: string;
  comment?: string;
  at: string;
}

export interface PromotionApproval {
  approver: string;
  comment?: string;
  at: string;
}

/** `scaffolder`: the built-in executor runs a template; `external`: AWX or alike calls back. */
export type ExecutorKind = 'scaffolder' | 'external';

export const ATTEMPT_STATUSES = ['requested', 'running', 'succeeded', 'failed'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export interface DeploymentAttempt {
  id: string;
  number: number;
  executor: ExecutorKind;
  status: AttemptStatus;
  /** The scaffolder task, for the built-in executor. */
  taskId?: string;
  /** The external executor's own id of the job. */
  externalId?: string;
  logsUrl?: string;
  message?: string;
  requestedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export type GateStatus = 'pass' | 'fail' | 'warn' | 'unknown';

/** What one evidence gate says about a request (open findings, firing alerts, ...). */
export interface EvidenceResult {
  gateId: string;
  title: string;
  status: GateStatus;
  summary: string;
  link?: string;
  /** A failing blocking gate refuses approval (config `promotions.gates.<id>.blocking`). */
  blocking: boolean;
}

export interface ChangeWindow {
  start: string;
  end: string;
}

export interface PromotionRequest {
  id: string;
  componentRef: string;
  componentTitle?: string;
  tenant: string;
  version: string;
  gitRef?: string;
  fromEnvironment: string;
  toEnvironment: string;
  justification: string;
  rollbackPlan: string;
  changeWindow?: ChangeWindow;
  state: PromotionState;
  requestedBy: string;
  /** Distinct approvers the target environment needs (config), none of them the requester. */
  requiredApprovals: number;
  approvals: PromotionApproval[];
  createdAt: string;
  updatedAt: string;
  approvedAt?: string;
  /** Until when a failed deployment may be retried on the same approval. */
  retryUntil?: string;
}

/** A request with its timeline, attempts and what the caller may do (the server still decides). */
export interface PromotionRequestDetails extends PromotionRequest {
  timeline: PromotionTransition[];
  attempts: DeploymentAttempt[];
  evidence: EvidenceResult[];
  permittedActions: PromotionUserAction[];
}

export type { Page } from '@portico/plugin-portico-common';

/** The environment chain and per-target rules, for forms. */
export interface PromotionSettingsView {
  environments: string[];
  targets: Array<{ environment: string; requiredApprovals: number; executor: ExecutorKind }>;
}
