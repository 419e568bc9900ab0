import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Monitoring permissions, granted by role in app-config (`portico.rbac`). Acknowledging is
 * for the component's owner team (a rule in the ack service) or anyone holding
 * `monitoring.alert.manage` (the `sre` role), whatever the owner.
 */
export const monitoringAlertReadPermission = createPermission({
  name: 'monitoring.alert.read',
  attributes: { action: 'read' },
});
/** May try to acknowledge; the service still requires the owner team or `manage`. */
export const monitoringAlertAckPermission = createPermission({
  name: 'monitoring.alert.ack',
  attributes: { action: 'update' },
});
/** Acknowledge any alert, whoever owns the component (on-call SREs). */
export const monitoringAlertManagePermission = createPermission({
  name: 'monitoring.alert.manage',
  attributes: { action: 'update' },
});
/** Schedule and cancel maintenance silences of components (on-call SREs, admins). */
export const monitoringSilenceManagePermission = createPermission({
  name: 'monitoring.silence.manage',
  attributes: { action: 'update' },
});
export const monitoringRulesReadPermission = createPermission({
  name: 'monitoring.rules.read',
  attributes: { action: 'read' },
});
export const monitoringMetricsReadPermission = createPermission({
  name: 'monitoring.metrics.read',
  attributes: { action: 'read' },
});

export const monitoringPermissions = [
  monitoringAlertReadPermission,
  monitoringAlertAckPermission,
  monitoringAlertManagePermission,
  monitoringSilenceManagePermission,
  monitoringRulesReadPermission,
  monitoringMetricsReadPermission,
];
