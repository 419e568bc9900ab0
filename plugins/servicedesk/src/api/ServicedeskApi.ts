import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ChangeStatusBody,
  CommentBody,
  ComplianceReport,
  CreateRequestBody,
  Page,
  Priority,
  RequestStatus,
  ServiceDefinition,
  ServiceInput,
  ServiceRequest,
  ServiceRequestSummary,
  TeamView,
} from '@portico/plugin-servicedesk-common';

export interface ListRequestsRequest {
  scope: 'mine' | 'queue';
  team?: string;
  status?: RequestStatus[];
  priority?: Priority[];
  service?: string;
  assignee?: string;
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

/** The service desk backend, as the signed-in user. */
export interface ServicedeskApi {
  listServices(options?: { includeInactive?: boolean }): Promise<ServiceDefinition[]>;
  getService(slug: string): Promise<ServiceDefinition>;
  saveService(slug: string, service: Omit<ServiceInput, 'slug'>): Promise<ServiceDefinition>;
  createRequest(body: CreateRequestBody): Promise<ServiceRequest>;
  listRequests(request: ListRequestsRequest): Promise<Page<ServiceRequestSummary>>;
  getRequest(ticketId: string): Promise<ServiceRequest>;
  claim(ticketId: string): Promise<ServiceRequest>;
  assign(ticketId: string, assignee: string): Promise<ServiceRequest>;
  comment(ticketId: string, body: CommentBody): Promise<ServiceRequest>;
  changeStatus(ticketId: string, body: ChangeStatusBody): Promise<ServiceRequest>;
  listTeams(): Promise<TeamView[]>;
  slaReport(): Promise<ComplianceReport>;
  /** Whether the ticket holds a one-time secret for me (a temporary password), without revealing it. */
  secretStatus(ticketId: string): Promise<{ available: boolean; label?: string; revealedAt?: string }>;
  /** Reveals it, once: afterwards it is erased. */
  revealSecret(ticketId: string): Promise<{ label: string; secret: string }>;
}

export const servicedeskApiRef = createApiRef<ServicedeskApi>({ id: 'plugin.servicedesk.api' });
