import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { promotionsApiRef, type PromotionsApi } from '../api';
import { promotionRequestRouteRef, promotionsRouteRef } from '../routes';

type MountedRoutes = NonNullable<NonNullable<Parameters<typeof renderInTestApp>[1]>['mountedRoutes']>;

const ALLOW = 'ALLOW' as any;
const DENY = 'DENY' as any;

/** A PromotionsApi whose methods are jest mocks (the ones not given reject). */
export function mockPromotionsApi(impl: Partial<PromotionsApi> = {}): jest.Mocked<PromotionsApi> {
  const missing = (name: string) => jest.fn(async () => {
    throw new Error(`${name} not mocked`);
  });
  return {
    getSettings: jest.fn(impl.getSettings ?? (async () => ({
      environments: ['STAGING', 'PROD'],
      targets: [{ environment: 'PROD', requiredApprovals: 1, executor: 'scaffolder' as const }],
    }))),
    listRequests: jest.fn(impl.listRequests ?? missing('listRequests')),
    countAwaitingMyApproval: jest.fn(impl.countAwaitingMyApproval ?? (async () => 0)),
    getRequest: jest.fn(impl.getRequest ?? missing('getRequest')),
    createRequest: jest.fn(impl.createRequest ?? missing('createRequest')),
    approve: jest.fn(impl.approve ?? missing('approve')),
    reject: jest.fn(impl.reject ?? missing('reject')),
    retry: jest.fn(impl.retry ?? missing('retry')),
  } as jest.Mocked<PromotionsApi>;
}

/** Renders a piece of the plugin as a user, with the promotions backend mocked. */
export function renderPromotions(
  element: ReactElement,
  options: {
    promotionsApi: PromotionsApi;
    allowed?: string[];
    user?: string;
    entity?: Entity;
    url?: string;
    mountPath?: string;
    catalogApi?: ReturnType<typeof catalogApiMock.mock>;
  },
) {
  const user = options.user ?? 'user:default/alice';
  return renderInTestApp(
    options.entity ? <EntityProvider entity={options.entity}>{element}</EntityProvider> : element,
    {
      apis: [
        [promotionsApiRef, options.promotionsApi],
        [catalogApiRef, options.catalogApi ?? catalogApiMock.mock()],
        mockApis.permission({
          authorize: request => ((options.allowed ?? []).includes(request.permission.name) ? ALLOW : DENY),
        }),
        mockApis.identity({ userEntityRef: user, ownershipEntityRefs: [user] }),
      ],
      mountedRoutes: {
        '/promotions': promotionsRouteRef,
        '/promotions/:id': promotionRequestRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      } as unknown as MountedRoutes,
      mountPath: options.mountPath,
      initialRouteEntries: options.url ? [options.url] : undefined,
    },
  );
}
