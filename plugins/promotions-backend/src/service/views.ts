import type {
  DeploymentAttempt,
  PromotionRequest,
  PromotionTransition,
} from '@portico/plugin-promotions-common';
import type {
  ApprovalRecord,
  AttemptRecord,
  PromotionRecord,
  TransitionRecord,
} from '../database/PromotionStore';

const iso = (ms: number) => new Date(ms).toISOString();
const optIso = (ms?: number) => (ms === undefined ? undefined : iso(ms));

export function toRequestView(
  record: PromotionRecord,
  approvals: ApprovalRecord[],
  retryWindowMs: number,
): PromotionRequest {
  return {
    id: record.id,
    componentRef: record.componentRef,
    componentTitle: record.componentTitle,
    tenant: record.tenant,
    version: record.version,
    gitRef: record.gitRef,
    fromEnvironment: record.fromEnvironment,
    toEnvironment: record.toEnvironment,
    justification: record.justification,
    rollbackPlan: record.rollbackPlan,
    changeWindow: record.changeWindow
      ? { start: iso(record.changeWindow.start), end: iso(record.changeWindow.end) }
      : undefined,
    state: record.state,
    requestedBy: record.requestedBy,
    requiredApprovals: record.requiredApprovals,
    approvals: approvals.map(a => ({ approver: a.approver, comment: a.comment, at: iso(a.at) })),
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    approvedAt: optIso(record.approvedAt),
    retryUntil: record.approvedAt === undefined ? undefined : iso(record.approvedAt + retryWindowMs),
  };
}

export function toTransitionView(entry: TransitionRecord): PromotionTransition {
  return { ...entry, at: iso(entry.at) };
}

export function toAttemptView(record: AttemptRecord): DeploymentAttempt {
  return {
    id: record.id,
    number: record.number,
    executor: record.executor,
    status: record.status,
    taskId: record.taskId,
    externalId: record.externalId,
    logsUrl: record.logsUrl,
    message: record.message,
    requestedBy: record.requestedBy,
    createdAt: iso(record.createdAt),
    startedAt: optIso(record.startedAt),
    finishedAt: optIso(record.finishedAt),
  };
}

/** The data of every promotion event: what consumers and notifications need. */
export function eventData(
  record: PromotionRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    requestId: record.id,
    componentRef: record.componentRef,
    ...(record.componentTitle ? { componentTitle: record.componentTitle } : {}),
    version: record.version,
    ...(record.gitRef ? { gitRef: record.gitRef } : {}),
    fromEnvironment: record.fromEnvironment,
    toEnvironment: record.toEnvironment,
    tenant: record.tenant,
    state: record.state,
    requestedBy: record.requestedBy,
    // Monitoring silences the component over the approved window.
    ...(record.changeWindow
      ? { changeWindow: { start: iso(record.changeWindow.start), end: iso(record.changeWindow.end) } }
      : {}),
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
  };
}
