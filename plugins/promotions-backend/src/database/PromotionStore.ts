import type { Knex } from 'knex';
import type {
  AttemptStatus,
  ExecutorKind,
  PromotionAction,
  PromotionState,
} from '@portico/plugin-promotions-common';

/** Times are epoch milliseconds. */
export interface PromotionRecord {
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
  changeWindow?: { start: number; end: number };
  state: PromotionState;
  requestedBy: string;
  requiredApprovals: number;
  /** Bumped by every change; a change applies only to the revision it read. */
  revision: number;
  approvedAt?: number;
  createdAt: number;
  updatedAt: number;
}

export interface TransitionRecord {
  action: PromotionAction;
  from: PromotionState | null;
  to: PromotionState;
  actor: string;
  comment?: string;
  at: number;
}

export interface ApprovalRecord {
  approver: string;
  comment?: string;
  at: number;
}

export interface AttemptRecord {
  id: string;
  requestId: string;
  number: number;
  executor: ExecutorKind;
  status: AttemptStatus;
  taskId?: string;
  externalId?: string;
  logsUrl?: string;
  message?: string;
  requestedBy: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
}

export interface ListPromotionsFilter {
  state?: PromotionState;
  componentRef?: string;
  tenant?: string;
  requestedBy?: string;
  /** "Awaiting my approval": pending, in these tenants (all when undefined), not requested nor approved by this user. */
  awaitingApprovalBy?: { user: string; tenants?: string[] };
  limit: number;
  offset: number;
}

export interface PromotionStore {
  insert(record: PromotionRecord): Promise<void>;
  get(id: string): Promise<PromotionRecord | undefined>;
  list(filter: ListPromotionsFilter): Promise<{ items: PromotionRecord[]; totalCount: number }>;
  count(filter: Omit<ListPromotionsFilter, 'limit' | 'offset'>): Promise<number>;
  /**
   * Moves the request to `to` (possibly the same state) only if it is still at `expectedRevision`;
   * false when someone changed it since it was read.
   */
  update(
    id: string,
    expectedRevision: number,
    patch: { state: PromotionState; at: number; approvedAt?: number },
  ): Promise<boolean>;
  addTransition(requestId: string, entry: TransitionRecord): Promise<void>;
  timeline(requestId: string): Promise<TransitionRecord[]>;
  /** ConflictError when this approver already approved. */
  addApproval(requestId: string, approval: ApprovalRecord): Promise<void>;
  approvals(requestIds: string[]): Promise<Map<string, ApprovalRecord[]>>;
  /** Whether that version of the component already reached that environment. */
  hasDeployed(componentRef: string, version: string, environment: string, exceptId: string): Promise<boolean>;
}

export interface AttemptStore {
  insert(record: AttemptRecord): Promise<void>;
  get(id: string): Promise<AttemptRecord | undefined>;
  forRequest(requestId: string): Promise<AttemptRecord[]>;
  /** Attempts not finished, oldest first: what the follower watches. */
  unfinished(limit: number): Promise<AttemptRecord[]>;
  /**
   * Binds an unfinished attempt to the one scaffolder task that runs it, only if no task is
   * bound yet; false otherwise (read the attempt to see which task won).
   */
  bindTask(id: string, taskId: string): Promise<boolean>;
  /** Changes an attempt only if its status is still `expected`; false otherwise. */
  update(
    id: string,
    expected: AttemptStatus,
    patch: Partial<Pick<AttemptRecord, 'status' | 'taskId' | 'externalId' | 'logsUrl' | 'message' | 'startedAt' | 'finishedAt'>>,
  ): Promise<boolean>;
}

export interface PromotionStores {
  requests: PromotionStore;
  attempts: AttemptStore;
}

export interface PromotionDatabase extends PromotionStores {
  transaction<T>(fn: (tx: PromotionStores & { trx: Knex.Transaction }) => Promise<T>): Promise<T>;
}
