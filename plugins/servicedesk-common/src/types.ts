/** Priorities of a request, lowest first. */
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Statuses of a request. `failed`: the automation failed and the ticket waits in its team's
 * queue for an agent. Allowed moves are in the backend's state machine.
 */
export const STATUSES = [
  'new',
  'in_progress',
  'waiting_on_requester',
  'resolved',
  'closed',
  'cancelled',
  'failed',
] as const;
export type RequestStatus = (typeof STATUSES)[number];

/** Statuses of a ticket somebody still has to work on (the queue, the SLA clock). */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'new',
  'in_progress',
  'waiting_on_requester',
  'failed',
];

export const STATUS_LABELS: Record<RequestStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  waiting_on_requester: 'Waiting on requester',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
  failed: 'Automation failed',
};

export type PauseReason = 'waiting_on_requester' | 'automation';

/** A JSON schema object for a service's form (the same dialect as a template's parameters). */
export type JsonSchemaObject = { [key: string]: unknown };

/** A service of the catalog. */
export interface ServiceDefinition {
  slug: string;
  name: string;
  description: string;
  category: string;
  /** The catalog group that works its tickets, e.g. group:default/servicedesk-agents. */
  team: string;
  slaHours: number;
  /** Auto-executable: the workflow runs at once, on behalf of the requester. */
  autoExecutable: boolean;
  /** A scaffolder template ref, e.g. template:default/servicedesk-incident-report. */
  workflowRef?: string;
  /** The request form: a JSON schema of type object. */
  formSchema: JsonSchemaObject;
  /** Permissions the seed required to file the request; informative. */
  requiredPermissions: string[];
  active: boolean;
  updatedAt: string;
  updatedBy?: string;
  /**
   * The outside system the workflow works in (Microsoft Graph, the VPN gateway...) and whether app-config sets it up;
   * when not, the request goes to the team instead of running by itself.
   */
  integration?: { name: string; configured: boolean; missingKey?: string };
}

export interface SlaPause {
  reason: PauseReason;
  startedAt: string;
  endedAt?: string;
}

/** The SLA of a ticket at the time the view was made. */
export interface SlaView {
  hours: number;
  /** Due time with the pauses so far added (moving while paused). */
  dueAt: string;
  /** Milliseconds left (negative: overdue); frozen while paused. */
  remainingMs: number;
  paused: boolean;
  pauseReason?: PauseReason;
  pauses: SlaPause[];
  breachedAt?: string;
  /** Set once resolved: resolved within the SLA. */
  met?: boolean;
}

export type ActionStatus = 'running' | 'succeeded' | 'failed';

/** A run of a service's automation (a scaffolder task). */
export interface ServiceAction {
  id: string;
  actionType: string;
  templateRef: string;
  taskId?: string;
  /** Path of the task's log page in the portal, e.g. /create/tasks/<id>. */
  taskLogPath?: string;
  status: ActionStatus;
  executedBy: string;
  executedAt: string;
  finishedAt?: string;
  result?: Record<string, unknown>;
  errorMessage?: string;
}

export type CommentVisibility = 'public' | 'internal';

export interface RequestComment {
  id: string;
  author: string;
  body: string;
  visibility: CommentVisibility;
  createdAt: string;
}

export interface RequestHistoryEntry {
  fromStatus?: RequestStatus;
  toStatus: RequestStatus;
  actor: string;
  note?: string;
  at: string;
}

/** A ticket as lists show it. */
export interface ServiceRequestSummary {
  ticketId: string;
  serviceSlug: string;
  serviceName: string;
  team: string;
  title: string;
  priority: Priority;
  status: RequestStatus;
  requester: string;
  requesterEmail?: string;
  assignedTo?: string;
  autoResolution: boolean;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  sla: SlaView;
}

/** One ticket with its form data, automation runs, comments and history. */
export interface ServiceRequest extends ServiceRequestSummary {
  description?: string;
  requesterName?: string;
  formData: Record<string, unknown>;
  resolutionNotes?: string;
  /** Who filed it: the requester, or the service that called the intake endpoint. */
  createdBy: string;
  actions: ServiceAction[];
  /** Internal comments only for the team's agents. */
  comments: RequestComment[];
  history: RequestHistoryEntry[];
  /** What the caller may do on it (the server decides again). */
  can: {
    work: boolean;
    comment: boolean;
    commentInternal: boolean;
    cancel: boolean;
    transitions: RequestStatus[];
  };
}

export type { Page } from '@portico/plugin-portico-common';

export interface ComplianceRow {
  key: string;
  name: string;
  resolved: number;
  withinSla: number;
  /** Share of resolved tickets resolved within their SLA, 0..1; absent when none were resolved. */
  compliance?: number;
  breachedOpen: number;
}

export interface ComplianceReport {
  from: string;
  to: string;
  byService: ComplianceRow[];
  byTeam: ComplianceRow[];
}

export interface TeamView {
  ref: string;
  title: string;
  members: string[];
}

/** The ticket id shown to people: SD-000123. */
export function formatTicketId(number: number): string {
  return `SD-${String(number).padStart(6, '0')}`;
}

/** The number behind SD-000123, or undefined when it is not a ticket id. */
export function parseTicketId(ticketId: string): number | undefined {
  const match = /^SD-(\d{6,})$/i.exec(ticketId.trim());
  return match ? Number(match[1]) : undefined;
}
