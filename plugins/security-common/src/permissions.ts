import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Security permissions, granted by role in app-config (`portico.rbac`): every signed-in user
 * reads findings; the `security` group triages, approves risk and ingests. "Not the requester,
 * not the component's owners" is a resource rule of the security service.
 */
export const securityFindingReadPermission = createPermission({
  name: 'security.finding.read',
  attributes: { action: 'read' },
});
export const securityFindingTriagePermission = createPermission({
  name: 'security.finding.triage',
  attributes: { action: 'update' },
});
/** Asking for a risk acceptance or a false positive (owners' developers and security). */
export const securityRiskRequestPermission = createPermission({
  name: 'security.risk.request',
  attributes: { action: 'create' },
});
export const securityRiskApprovePermission = createPermission({
  name: 'security.risk.approve',
  attributes: { action: 'update' },
});
/** Uploading a report with one's own token (the UI's upload). Service callers are named in config. */
export const securityReportIngestPermission = createPermission({
  name: 'security.report.ingest',
  attributes: { action: 'create' },
});

export const securityPermissions = [
  securityFindingReadPermission,
  securityFindingTriagePermission,
  securityRiskRequestPermission,
  securityRiskApprovePermission,
  securityReportIngestPermission,
];

/** The group whose members triage and approve. */
export const SECURITY_GROUP = 'group:default/security';
