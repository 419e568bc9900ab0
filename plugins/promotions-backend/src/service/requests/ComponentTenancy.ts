import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { TENANT_ANNOTATION } from '@portico/plugin-promotions-common';
import type { Caller } from '../access';
import { normalizeComponentRef } from '../refs';

const TENANT = /^[a-z0-9-]{1,63}$/;

/** The component a request names, read as the caller may see it, and the tenant it belongs to. */
export class ComponentTenancy {
  constructor(private readonly options: { catalog: CatalogService }) {}

  async resolve(
    caller: Caller,
    componentRef: string,
  ): Promise<{ entity: Entity; tenant: string }> {
    const entity = await this.component(caller, componentRef);
    return { entity, tenant: await this.tenantOf(caller, entity) };
  }

  private async component(caller: Caller, ref: string): Promise<Entity> {
    const normalized = normalizeComponentRef(ref);
    const entity = await this.options.catalog.getEntityByRef(normalized, {
      credentials: caller.credentials,
    });
    if (!entity)
      throw new InputError(
        `componentRef: no component ${normalized} in the catalog, or you may not see it`,
      );
    return entity;
  }

  /**
   * The tenant is the owner group's, from the org: whoever writes the component's catalog YAML
   * may not choose whose approvers decide. The component's own `portico.io/tenant` is accepted
   * only when it agrees (a disagreement is refused, naming both); it never stands in for an
   * owner group without a tenant.
   */
  private async tenantOf(caller: Caller, entity: Entity): Promise<string> {
    const ref = stringifyEntityRef(entity);
    const own = entity.metadata.annotations?.[TENANT_ANNOTATION];
    const owner =
      typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
    const ownerRef = owner
      ? stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        )
      : undefined;
    const group = ownerRef?.startsWith('group:')
      ? await this.options.catalog.getEntityByRef(ownerRef, {
          credentials: caller.credentials,
        })
      : undefined;
    const inherited = group?.metadata.annotations?.[TENANT_ANNOTATION];
    if (inherited && TENANT.test(inherited)) {
      if (own && own !== inherited) {
        throw new InputError(
          `componentRef: ${ref} says tenant '${own}' (${TENANT_ANNOTATION}) but its owner group ${ownerRef} belongs to tenant '${inherited}'; the org decides: fix the annotation`,
        );
      }
      return inherited;
    }
    throw new InputError(
      `componentRef: ${ref} has no tenant: its owner group ${
        ownerRef ?? '(none)'
      } carries no ${TENANT_ANNOTATION} in the org`,
    );
  }
}
