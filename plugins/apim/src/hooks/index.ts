export { useMyGroups, type MyIdentity } from './useMyGroups';
export {
  useApplicationAbilities,
  type ApplicationAbilities,
} from './useApplicationAbilities';
export {
  useApiFacets,
  type ApiFacetName,
  type ApiFacets,
} from './useApiFacets';
export { useApplicationLink } from './useApplicationLink';
export {
  useTryItApplications,
  type TryItApplications,
} from './useTryItApplications';
