import { useApi } from '@backstage/frontend-plugin-api';
import {
  MAX_PAGE_SIZE,
  type ApimEnvironment,
  type Application,
} from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../api';

export interface TryItApplications {
  /** The caller's applications with an active subscription to the API, by environment. */
  byEnvironment: Partial<Record<ApimEnvironment, Application[]>>;
  /** How many applications the caller's groups have at all (to tell "none" from "none subscribed"). */
  mine: number;
  loading: boolean;
  error?: Error;
}

const NONE: TryItApplications['byEnvironment'] = {};

/** Which of my applications may call this API from Try-It, and where. */
export function useTryItApplications(apiRef: string): TryItApplications {
  const apimApi = useApi(apimApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [applications, subscriptions] = await Promise.all([
      apimApi.listApplications({ mine: true, limit: MAX_PAGE_SIZE }),
      apimApi.listSubscriptions({
        apiRef,
        state: 'active',
        limit: MAX_PAGE_SIZE,
      }),
    ]);
    const byId = new Map(applications.items.map(a => [a.id, a]));
    const byEnvironment: TryItApplications['byEnvironment'] = {};
    for (const subscription of subscriptions.items) {
      const application = byId.get(subscription.applicationId);
      if (!application || subscription.state !== 'active') continue;
      const list = (byEnvironment[subscription.environment] ??= []);
      if (!list.some(a => a.id === application.id)) list.push(application);
    }
    return { byEnvironment, mine: applications.items.length };
  }, [apimApi, apiRef]);
  return {
    byEnvironment: value?.byEnvironment ?? NONE,
    mine: value?.mine ?? 0,
    loading,
    error,
  };
}
