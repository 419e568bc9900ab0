import { ReactElement } from 'react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { apimApiRef } from '../api';
import {
  apiPortalRouteRef,
  applicationRouteRef,
  applicationsRouteRef,
} from '../routes';
import type { MockApimApi } from './mockApimApi';
import { permissionsAllowing } from './permissions';

type MountedRoutes = NonNullable<
  NonNullable<Parameters<typeof renderInTestApp>[1]>['mountedRoutes']
>;

/** Where the routes the plugin links to are mounted in tests, the catalog's entity page included. */
export const mountedRoutes = {
  '/api-portal': apiPortalRouteRef,
  '/applications': applicationsRouteRef,
  '/applications/:id': applicationRouteRef,
  // The catalog's route ref is a legacy one; the test app converts it as the real app does.
  '/catalog/:namespace/:kind/:name': entityRouteRef,
} as unknown as MountedRoutes;

export interface RenderOptions {
  apimApi: MockApimApi;
  /** Permission names the user holds; keep them the same in a test file (see permissionsAllowing). */
  allowed?: string[];
  /** The groups the user belongs to. */
  groups?: string[];
  user?: string;
  entity?: Entity;
  catalogApi?: ReturnType<typeof catalogApiMock.mock>;
  url?: string;
  mountPath?: string;
}

/** Renders a piece of the plugin as a given user, with the APIM backend mocked. */
export function renderApim(element: ReactElement, options: RenderOptions) {
  const catalogApi =
    options.catalogApi ??
    catalogApiMock.mock({
      getEntityFacets: jest.fn(async () => ({ facets: {} })),
    });
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [apimApiRef, options.apimApi],
        [catalogApiRef, catalogApi],
        permissionsAllowing(...(options.allowed ?? [])),
        mockApis.identity({
          userEntityRef: options.user ?? 'user:default/alice',
          ownershipEntityRefs: [
            options.user ?? 'user:default/alice',
            ...(options.groups ?? ['group:default/devops-acme']),
          ],
        }),
      ],
      mountedRoutes,
      mountPath: options.mountPath,
      initialRouteEntries: options.url ? [options.url] : undefined,
    },
  );
}

/** Types a whole value at once (MUI fields are slow to type into key by key). */
export async function fill(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}
