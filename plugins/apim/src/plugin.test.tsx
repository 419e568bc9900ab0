import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  APP_ID,
  apiDetails,
  apiSummary,
  application,
  page,
} from './__testUtils__/fixtures';
import { mockApimApi } from './__testUtils__/mockApimApi';
import { mountedRoutes } from './__testUtils__/renderApim';
import { permissionsAllowing } from './__testUtils__/permissions';
import { ApimClient, apimApiRef } from './api';
import { API_PORTAL_NAV_ITEM_ID, APPLICATIONS_NAV_ITEM_ID } from './index';
import {
  apimApi,
  apimPlugin,
  apiPortalPage,
  applicationPage,
  applicationsCard,
  applicationsPage,
  plansCard,
  tryItContent,
} from './plugin';
import {
  apiPortalRouteRef,
  applicationRouteRef,
  applicationsRouteRef,
} from './routes';

const apiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'payments-team',
    definition: 'x',
  },
};

describe('apimPlugin', () => {
  it('provides its extensions under stable ids', () => {
    expect(apimPlugin.id).toBe('apim');
    for (const id of [
      'api:apim',
      'page:apim/api-portal',
      'page:apim/applications',
      'page:apim/application',
      'entity-card:apim/plans',
      'entity-card:apim/applications',
      'entity-content:apim/try-it',
    ]) {
      expect(apimPlugin.getExtension(id as any)).toBeDefined();
    }
    expect(API_PORTAL_NAV_ITEM_ID).toBe('page:apim/api-portal');
    expect(APPLICATIONS_NAV_ITEM_ID).toBe('page:apim/applications');
  });

  it('mounts its pages with titles and icons for the nav, and the application page without', () => {
    const portal = createExtensionTester(apiPortalPage);
    expect(portal.get(coreExtensionData.routePath)).toBe('/api-portal');
    expect(portal.get(coreExtensionData.routeRef)).toBe(apiPortalRouteRef);
    expect(portal.get(coreExtensionData.title)).toBe('API Portal');
    expect(portal.get(coreExtensionData.icon)).toBeDefined();

    const applications = createExtensionTester(applicationsPage);
    expect(applications.get(coreExtensionData.routePath)).toBe('/applications');
    expect(applications.get(coreExtensionData.routeRef)).toBe(
      applicationsRouteRef,
    );
    expect(applications.get(coreExtensionData.title)).toBe('Applications');
    expect(applications.get(coreExtensionData.icon)).toBeDefined();

    const detail = createExtensionTester(applicationPage);
    expect(detail.get(coreExtensionData.routePath)).toBe('/applications/:id');
    expect(detail.get(coreExtensionData.routeRef)).toBe(applicationRouteRef);
    expect(detail.get(coreExtensionData.icon)).toBeUndefined();
    expect(detail.get(coreExtensionData.title)).toBeUndefined();
  });

  it('adds the Try It tab to API entities only', () => {
    const tester = createExtensionTester(tryItContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('try-it');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Try It');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(apiEntity)).toBe(true);
    expect(filter({ ...apiEntity, kind: 'Component' })).toBe(false);
  });

  it('puts the plans card on APIs and the applications card on components and groups', () => {
    const plans = createExtensionTester(plansCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const applications = createExtensionTester(applicationsCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(plans(apiEntity)).toBe(true);
    expect(plans({ ...apiEntity, kind: 'Group' })).toBe(false);
    expect(applications({ ...apiEntity, kind: 'Component' })).toBe(true);
    expect(applications({ ...apiEntity, kind: 'Group' })).toBe(true);
    expect(applications(apiEntity)).toBe(false);
  });

  it('creates the client from discovery and fetch', () => {
    const factory = createExtensionTester(apimApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(apimApiRef);
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: mockApis.fetch(),
      }),
    ).toBeInstanceOf(ApimClient);
  });

  it('serves the API Portal at /api-portal in an app', async () => {
    const api = mockApimApi({
      listApis: async () => page([apiSummary()], { limit: 12 }),
    });
    renderTestApp({
      features: [apimPlugin],
      apis: [
        [apimApiRef, api],
        [
          catalogApiRef,
          catalogApiMock.mock({
            getEntityFacets: jest.fn(async () => ({ facets: {} })),
          }),
        ],
        permissionsAllowing(),
      ],
      initialRouteEntries: ['/api-portal'],
      // The catalog's entity page, which API cards link to.
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          mountedRoutes['/catalog/:namespace/:kind/:name'],
      },
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'API Portal' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('article', { name: 'Payments API' }),
    ).toBeInTheDocument();
  });

  it.each([
    ['/applications', 'Applications'],
    [`/applications/${APP_ID}`, 'checkout-web'],
  ])('serves %s next to the other pages', async (url, heading) => {
    const api = mockApimApi({
      listApplications: async () => page([application()]),
      getApplication: async () => application(),
      listSubscriptions: async () => page([]),
      listKeys: async () => [],
    });
    renderTestApp({
      features: [apimPlugin],
      apis: [[apimApiRef, api], permissionsAllowing(), mockApis.identity()],
      initialRouteEntries: [url],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          mountedRoutes['/catalog/:namespace/:kind/:name'],
      },
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: heading }),
    ).toBeInTheDocument();
  });

  it('renders the plans card on an API entity page', async () => {
    const api = mockApimApi({
      getApi: async () => apiDetails(),
      listSubscriptions: async () => page([]),
    });
    renderTestApp({
      extensions: [createTestEntityPage({ entity: apiEntity }), plansCard],
      apis: [[apimApiRef, api], permissionsAllowing()],
    });

    expect(
      await screen.findByText('Plans & subscriptions'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('row', { name: 'Gold' }),
    ).toBeInTheDocument();
  });
});
