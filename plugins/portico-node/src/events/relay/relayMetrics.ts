import { counter, gauge } from '../../metrics/registry';

/** The relay's Prometheus metrics, labelled by plugin (each plugin has its own outbox). */
export function relayMetrics() {
  return {
    pending: gauge<'plugin'>({
      name: 'portico_outbox_pending_events',
      help: 'Outbox rows not yet delivered to every target',
      labelNames: ['plugin'],
    }),
    failing: gauge<'plugin'>({
      name: 'portico_outbox_failing_events',
      help: 'Undelivered outbox rows with at least one failed attempt',
      labelNames: ['plugin'],
    }),
    deadLetter: gauge<'plugin'>({
      name: 'portico_outbox_dead_letter_events',
      help: 'Outbox rows parked as dead letter: refused too often, waiting for someone to retry them',
      labelNames: ['plugin'],
    }),
    lag: gauge<'plugin'>({
      name: 'portico_outbox_lag_seconds',
      help: 'Age of the oldest undelivered outbox row',
      labelNames: ['plugin'],
    }),
    delivered: counter<'plugin' | 'target' | 'topic'>({
      name: 'portico_events_delivered_total',
      help: 'Events delivered, by plugin, target and topic',
      labelNames: ['plugin', 'target', 'topic'],
    }),
    failed: counter<'plugin' | 'target' | 'topic'>({
      name: 'portico_events_failed_total',
      help: 'Failed delivery attempts, by plugin, target and topic',
      labelNames: ['plugin', 'target', 'topic'],
    }),
  };
}
