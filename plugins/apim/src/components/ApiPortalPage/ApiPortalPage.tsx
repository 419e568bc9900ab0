import { Content, Header, Page } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import { useQueryObjectState } from '@portico/portico-react';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../../api';
import { useApiFacets } from '../../hooks';
import { ApiFilterBar, type ApiFilters } from '../ApiFilterBar';
import { API_PAGE_SIZES, ApiResults } from '../ApiResults';

type PortalQuery = ApiFilters & { limit?: string; offset?: string };

function toNumber(value: string | undefined, fallback: number) {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

/** Every API of the catalog with what a consumer needs to choose one: plans, environments, owners. */
export function ApiPortalPage() {
  const apimApi = useApi(apimApiRef);
  const { facets } = useApiFacets();
  // Filters and page live in the URL, so that a search can be shared.
  const [query, setQuery] = useQueryObjectState('q');
  const {
    limit: limitText,
    offset: offsetText,
    ...filters
  }: PortalQuery = query;
  const limit = toNumber(limitText, API_PAGE_SIZES[0]) || API_PAGE_SIZES[0];
  const offset = toNumber(offsetText, 0);

  const { value, loading, error } = useAsync(
    () => apimApi.listApis({ ...filters, limit, offset }),
    [apimApi, JSON.stringify(filters), limit, offset],
  );

  const setFilters = (next: ApiFilters) =>
    // A new filter starts again from the first page.
    setQuery({ ...next, limit: limitText });

  return (
    <Page themeId="tool">
      <Header
        title="API Portal"
        subtitle="Find an API, pick a plan, subscribe an application and call it"
      />
      <Content>
        <Box mb={3}>
          <ApiFilterBar
            filters={filters}
            facets={facets}
            onChange={setFilters}
          />
        </Box>
        <ApiResults
          result={value}
          loading={loading}
          error={error}
          filtered={Object.values(filters).some(Boolean)}
          onClearFilters={() => setFilters({})}
          onPageChange={(nextOffset, nextLimit) =>
            setQuery({
              ...filters,
              limit: String(nextLimit),
              offset: String(nextOffset),
            })
          }
        />
      </Content>
    </Page>
  );
}
