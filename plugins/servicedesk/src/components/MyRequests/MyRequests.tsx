import useAsync from 'react-use/esm/useAsync';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { servicedeskApiRef } from '../../api';
import { RequestsTable } from '../RequestsTable/RequestsTable';

/** The requests the signed-in user filed, newest first. */
export function MyRequests() {
  const api = useApi(servicedeskApiRef);
  const { value, loading, error } = useAsync(() => api.listRequests({ scope: 'mine', limit: 100 }), [api]);
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <RequestsTable
      title="My requests"
      items={value?.items ?? []}
      loading={loading}
      emptyText="You have not filed any request yet: pick a service in the catalog."
    />
  );
}
