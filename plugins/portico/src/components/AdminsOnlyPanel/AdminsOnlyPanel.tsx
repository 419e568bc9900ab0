import { WarningPanel } from '@backstage/core-components';

export const ADMINS_ONLY_TITLE = 'Only portal admins can see events';

/** Shown instead of the events to those without `portico.events.read`. */
export function AdminsOnlyPanel() {
  return (
    <WarningPanel
      severity="info"
      title={ADMINS_ONLY_TITLE}
      message="Events carry every plugin's payloads, so this page is for members of the portal-admins group. Ask a portal admin to look up the event for you."
    />
  );
}
