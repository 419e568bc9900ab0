import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { KnexOrTransaction } from '@portico/portico-node';

export const SERVICES = 'servicedesk_services';
export const REQUESTS = 'servicedesk_requests';
export const ACTIONS = 'servicedesk_actions';
export const COMMENTS = 'servicedesk_comments';
export const HISTORY = 'servicedesk_history';
export const PAUSES = 'servicedesk_sla_pauses';
export const CURSORS = 'servicedesk_assignment_cursors';

export const PACKAGE_NAME = '@portico/plugin-servicedesk-backend';
export const SERVICEDESK_MIGRATIONS_DIR = resolvePackagePath(
  PACKAGE_NAME,
  'migrations',
);

export type Db = KnexOrTransaction;
export type Row = Record<string, any>;
