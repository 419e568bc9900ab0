import type { Knex } from 'knex';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { DeploymentStore } from '../database/MonitoringStore';

/** The promotions plugin's events that end a deployment. */
const OUTCOMES: Record<string, 'succeeded' | 'failed'> = {
  'deployment-succeeded': 'succeeded',
  'deployment-failed': 'failed',
};

/**
 * Records the deployments of components from `promotion-requests` events (in the consumer's
 * transaction, so a redelivered event records nothing twice), for the markers on the RED charts.
 * Returns whether the event was one.
 */
export async function recordDeployment(
  event: PorticoEvent,
  trx: Knex.Transaction,
  storeOn: (trx: Knex.Transaction) => DeploymentStore,
): Promise<boolean> {
  const outcome = OUTCOMES[event.type];
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (!outcome || typeof data.componentRef !== 'string' || typeof data.version !== 'string') return false;
  await storeOn(trx).insert({
    eventId: event.id,
    componentRef: data.componentRef,
    version: data.version,
    environment: typeof data.toEnvironment === 'string' ? data.toEnvironment : 'unknown',
    requestId: typeof data.requestId === 'string' ? data.requestId : event.subject,
    outcome,
    at: Date.parse(event.occurredAt),
  });
  return true;
}
