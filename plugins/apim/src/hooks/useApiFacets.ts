import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

export type ApiFacetName = 'owner' | 'system' | 'lifecycle' | 'type' | 'tag';

const FIELDS: Record<ApiFacetName, string> = {
  owner: 'relations.ownedBy',
  system: 'spec.system',
  lifecycle: 'spec.lifecycle',
  type: 'spec.type',
  tag: 'metadata.tags',
};

export type ApiFacets = Partial<Record<ApiFacetName, string[]>>;

/**
 * The values the API filters offer, as the catalog counts them over API entities. When the
 * catalog cannot answer, the filters fall back to free text.
 */
export function useApiFacets(): { facets?: ApiFacets; loading: boolean } {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading } = useAsync(async () => {
    try {
      const response = await catalogApi.getEntityFacets({
        filter: { kind: 'API' },
        facets: Object.values(FIELDS),
      });
      const facets: ApiFacets = {};
      for (const [name, field] of Object.entries(FIELDS)) {
        facets[name as ApiFacetName] = (response.facets[field] ?? [])
          .map(facet => facet.value)
          .sort((a, b) => a.localeCompare(b));
      }
      return facets;
    } catch {
      return undefined;
    }
  }, [catalogApi]);
  return { facets: value, loading };
}
