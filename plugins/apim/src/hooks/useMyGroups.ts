import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';

export interface MyIdentity {
  userEntityRef?: string;
  /** The groups the signed-in user belongs to, `group:default/devops-acme`. */
  groups: string[];
  loading: boolean;
}

/** The signed-in user and their groups, from their Backstage identity's ownership refs. */
export function useMyGroups(): MyIdentity {
  const identityApi = useApi(identityApiRef);
  const { value, loading } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return {
    userEntityRef: value?.userEntityRef,
    groups: (value?.ownershipEntityRefs ?? []).filter(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    ),
    loading,
  };
}
