import { ReactNode } from 'react';
import { usePermission } from '@backstage/plugin-permission-react';
import { porticoEventsReadPermission } from '@portico/plugin-portico-common';

/**
 * Renders its children (the app's Events nav item) only for those who hold
 * `portico.events.read`; the app cannot check the permission itself without depending on
 * the common package.
 */
export function VisibleToEventReaders(props: { children: ReactNode }) {
  const { allowed } = usePermission({
    permission: porticoEventsReadPermission,
  });
  return allowed ? <>{props.children}</> : null;
}
