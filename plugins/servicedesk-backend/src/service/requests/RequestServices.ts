import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ServicedeskDatabase } from '../../database/ServicedeskStore';
import type { AutomationService } from '../AutomationService';
import type { Clock } from '../clock';
import type { EventPublisher } from '../events';
import type { FormValidator } from '../FormValidator';
import type { Notifier } from '../Notifier';
import type { TeamDirectory } from '../TeamDirectory';
import { RequestAssignmentService } from './RequestAssignmentService';
import { RequestIntakeService } from './RequestIntakeService';
import { RequestQueryService } from './RequestQueryService';
import { RequestStatusService } from './RequestStatusService';
import { TicketChanges } from './TicketChanges';
import { TicketViews } from './TicketViews';

/** The services behind the tickets' routes, one job each. */
export interface RequestServices {
  intake: RequestIntakeService;
  queries: RequestQueryService;
  assignment: RequestAssignmentService;
  status: RequestStatusService;
}

export interface RequestServicesOptions {
  permissions: PermissionsService;
  db: ServicedeskDatabase;
  events: EventPublisher;
  forms: FormValidator;
  directory: TeamDirectory;
  notifier: Notifier;
  automation: AutomationService;
  clock: Clock;
}

/** Builds the request services over the pieces they share (the ticket view, the locked change). */
export function createRequestServices(
  options: RequestServicesOptions,
): RequestServices {
  const { db, events, directory, notifier, clock } = options;
  const views = new TicketViews({ db, clock });
  const changes = new TicketChanges({ db, clock, views });
  return {
    intake: new RequestIntakeService({ ...options, views }),
    queries: new RequestQueryService({ db, clock, views }),
    assignment: new RequestAssignmentService({
      db,
      events,
      directory,
      notifier,
      changes,
    }),
    status: new RequestStatusService({ events, notifier, changes }),
  };
}
