import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  SchedulableTemplate,
  SCHEDULABLE_TEMPLATES_QUERY,
  schedulableTemplatesOf,
} from './schedulableTemplates';

/**
 * The templates the signed-in user can read (the catalog answers with their credentials) and
 * may schedule. Asked only while `wanted` (the create dialog is open).
 */
export function useSchedulableTemplates(wanted: boolean): {
  templates?: SchedulableTemplate[];
  error?: Error;
} {
  const catalogApi = useApi(catalogApiRef);
  const [state, setState] = useState<{
    templates?: SchedulableTemplate[];
    error?: Error;
  }>({});

  useEffect(() => {
    if (!wanted) return undefined;
    let current = true;
    setState({});
    catalogApi.getEntities(SCHEDULABLE_TEMPLATES_QUERY).then(
      ({ items }) =>
        current && setState({ templates: schedulableTemplatesOf(items) }),
      error => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [catalogApi, wanted]);

  return state;
}
