import { useRouteRef } from '@backstage/frontend-plugin-api';
import { applicationRouteRef } from '../routes';

/** The path of an application's page, wherever this plugin's pages are mounted. */
export function useApplicationLink(): (id: string) => string {
  const link = useRouteRef(applicationRouteRef);
  return id =>
    link ? link({ id }) : `/applications/${encodeURIComponent(id)}`;
}
