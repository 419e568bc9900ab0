import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** `payments-gateway`, `component:payments-gateway` and `component:default/payments-gateway` are one ref. */
export function normalizeComponentRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), { defaultKind: 'component', defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}
