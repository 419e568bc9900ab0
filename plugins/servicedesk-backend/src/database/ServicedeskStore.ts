import type { Knex } from 'knex';
import type {
  ActionStatus,
  CommentVisibility,
  JsonSchemaObject,
  PauseReason,
  Priority,
  RequestStatus,
} from '@portico/plugin-servicedesk-common';

/** Times are epoch milliseconds; refs lowercased. */
export interface ServiceRecord {
  slug: string;
  name: string;
  description: string;
  category: string;
  team: string;
  slaHours: number;
  autoExecutable: boolean;
  workflowRef?: string;
  formSchema: JsonSchemaObject;
  requiredPermissions: string[];
  active: boolean;
  updatedAt: number;
  updatedBy?: string;
}

export interface RequestRecord {
  number: number;
  ticketId: string;
  requesterRef?: string;
  requesterEmail?: string;
  requesterName?: string;
  serviceSlug: string;
  serviceName: string;
  team: string;
  priority: Priority;
  status: RequestStatus;
  title: string;
  description?: string;
  formData: Record<string, unknown>;
  autoResolution: boolean;
  assignedTo?: string;
  resolutionNotes?: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  resolvedAt?: number;
  slaHours: number;
  slaDueAt: number;
  pausedSince?: number;
  pauseReason?: PauseReason;
  slaBreachedAt?: number;
  slaMet?: boolean;
}

export type NewRequestRecord = Omit<RequestRecord, 'number' | 'ticketId' | 'serviceName'>;

export interface ActionRecord {
  id: string;
  requestNumber: number;
  actionType: string;
  actionData: { templateRef: string; values: Record<string, unknown> };
  status: ActionStatus;
  taskId?: string;
  executedBy: string;
  executedAt: number;
  finishedAt?: number;
  result?: Record<string, unknown>;
  errorMessage?: string;
}

export interface CommentRecord {
  id: string;
  requestNumber: number;
  author: string;
  body: string;
  visibility: CommentVisibility;
  createdAt: number;
}

export interface HistoryRecord {
  fromStatus?: RequestStatus;
  toStatus: RequestStatus;
  actor: string;
  note?: string;
  at: number;
}

export interface PauseRecord {
  reason: PauseReason;
  startedAt: number;
  endedAt?: number;
}

export interface ListRequestsFilter {
  requesterRef?: string;
  teams?: string[];
  statuses?: RequestStatus[];
  priorities?: Priority[];
  serviceSlug?: string;
  /** A user ref, or null for unassigned. */
  assignedTo?: string | null;
  /** Open and past due (paused tickets are not overdue). */
  overdueAt?: number;
  limit: number;
  offset: number;
}

/** Tickets resolved in a period for one service and team, and how many within their SLA. */
export interface ResolvedCounts {
  serviceSlug: string;
  team: string;
  resolved: number;
  withinSla: number;
}

export interface ServiceStore {
  list(options?: { includeInactive?: boolean }): Promise<ServiceRecord[]>;
  get(slug: string): Promise<ServiceRecord | undefined>;
  upsert(record: ServiceRecord): Promise<'created' | 'updated'>;
}

export interface RequestStore {
  /** Inserts and gives the ticket its number and id. */
  insert(record: NewRequestRecord): Promise<RequestRecord>;
  get(number: number): Promise<RequestRecord | undefined>;
  /** For update inside a transaction (PostgreSQL locks the row). */
  getForUpdate(number: number): Promise<RequestRecord | undefined>;
  list(filter: ListRequestsFilter): Promise<{ items: RequestRecord[]; totalCount: number }>;
  update(number: number, patch: Partial<Omit<RequestRecord, 'number' | 'ticketId' | 'serviceName'>>): Promise<void>;
  addHistory(number: number, entry: HistoryRecord): Promise<void>;
  history(number: number): Promise<HistoryRecord[]>;
  addComment(record: CommentRecord): Promise<void>;
  comments(number: number): Promise<CommentRecord[]>;
  startPause(number: number, reason: PauseReason, at: number): Promise<void>;
  endPause(number: number, at: number): Promise<void>;
  pauses(number: number): Promise<PauseRecord[]>;
  /** Open, not paused, past due and not yet marked breached. */
  dueForBreach(now: number, limit: number): Promise<RequestRecord[]>;
  /** Counted by the database (one row per service and team), never a row per ticket. */
  resolvedCountsSince(since: number): Promise<ResolvedCounts[]>;
  openBreachedCounts(): Promise<Array<{ serviceSlug: string; team: string; count: number }>>;
}

export interface ActionStore {
  insert(record: ActionRecord): Promise<void>;
  forRequest(number: number): Promise<ActionRecord[]>;
  running(limit: number): Promise<ActionRecord[]>;
  /** Moves a running action to its end; false when it had already ended (another runner). */
  finish(
    id: string,
    patch: { status: 'succeeded' | 'failed'; finishedAt: number; result?: Record<string, unknown>; errorMessage?: string; taskId?: string },
  ): Promise<boolean>;
  setTaskId(id: string, taskId: string): Promise<void>;
  /** Binds a running action to its one task, only if none is bound yet; false otherwise. */
  bindTask(id: string, taskId: string): Promise<boolean>;
}

export interface CursorStore {
  lastAssignee(team: string): Promise<string | undefined>;
  setLastAssignee(team: string, user: string): Promise<void>;
}

export interface ServicedeskStores {
  services: ServiceStore;
  requests: RequestStore;
  actions: ActionStore;
  cursors: CursorStore;
}

/** The stores, and a way to use them in one transaction (with the outbox write). */
export interface ServicedeskDatabase extends ServicedeskStores {
  transaction<T>(fn: (tx: ServicedeskStores & { trx: Knex.Transaction }) => Promise<T>): Promise<T>;
}
