import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CostCenterSummary,
  ResourceDetail,
  ResourceView,
} from '@portico/plugin-lifecycle-common';

export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

export interface ResourceFilters {
  owner?: string;
  project?: string;
  costCenter?: string;
  environment?: string;
  limit?: number;
  offset?: number;
}

export interface LifecycleApi {
  expiring(filters: ResourceFilters & { withinHours?: number }): Promise<Page<ResourceView>>;
  violations(filters: ResourceFilters): Promise<Page<ResourceView>>;
  costCenters(): Promise<CostCenterSummary[]>;
  resource(entityRef: string): Promise<ResourceDetail>;
  extend(request: { entityRef: string; days: number; reason: string }): Promise<ResourceDetail>;
}

export const lifecycleApiRef = createApiRef<LifecycleApi>({ id: 'plugin.lifecycle.api' });
