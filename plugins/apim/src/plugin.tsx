import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AppsIcon from '@material-ui/icons/Apps';
import StorefrontIcon from '@material-ui/icons/Storefront';
import { ApimClient, apimApiRef } from './api';
import {
  apiPortalRouteRef,
  applicationRouteRef,
  applicationsRouteRef,
} from './routes';

/** Extension id `api:apim`. */
export const apimApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: apimApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ApimClient({ discoveryApi, fetchApi }),
    }),
});

/** Extension id `page:apim/api-portal`; with its title and icon it is also a nav item. */
export const apiPortalPage = PageBlueprint.make({
  name: 'api-portal',
  params: {
    path: '/api-portal',
    title: 'API Portal',
    icon: <StorefrontIcon />,
    routeRef: apiPortalRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/ApiPortalPage').then(m => <m.ApiPortalPage />),
  },
});

/** Extension id `page:apim/applications`, a nav item too. */
export const applicationsPage = PageBlueprint.make({
  name: 'applications',
  params: {
    path: '/applications',
    title: 'Applications',
    icon: <AppsIcon />,
    routeRef: applicationsRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/ApplicationsPage').then(m => <m.ApplicationsPage />),
  },
});

/** Extension id `page:apim/application`: no title nor icon, so no nav item. */
export const applicationPage = PageBlueprint.make({
  name: 'application',
  params: {
    path: '/applications/:id',
    routeRef: applicationRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/ApplicationPage').then(m => <m.ApplicationPage />),
  },
});

/** Extension id `entity-card:apim/plans`, on API entities' overview. */
export const plansCard = EntityCardBlueprint.make({
  name: 'plans',
  params: {
    filter: { kind: 'api' },
    loader: () => import('./components/PlansCard').then(m => <m.PlansCard />),
  },
});

/** Extension id `entity-content:apim/try-it`: the Try-It tab of API entities. */
export const tryItContent = EntityContentBlueprint.make({
  name: 'try-it',
  params: {
    path: 'try-it',
    title: 'Try It',
    filter: { kind: 'api' },
    loader: () =>
      import('./components/TryItContent').then(m => <m.TryItContent />),
  },
});

/** Extension id `entity-card:apim/applications`, on components' and groups' overview. */
export const applicationsCard = EntityCardBlueprint.make({
  name: 'applications',
  params: {
    filter: { kind: { $in: ['component', 'group'] } },
    loader: () =>
      import('./components/ApplicationsCard').then(m => <m.ApplicationsCard />),
  },
});

export const apimPlugin = createFrontendPlugin({
  pluginId: 'apim',
  title: 'API Management',
  extensions: [
    apimApi,
    apiPortalPage,
    applicationsPage,
    applicationPage,
    plansCard,
    tryItContent,
    applicationsCard,
  ],
  routes: {
    apiPortal: apiPortalRouteRef,
    applications: applicationsRouteRef,
    application: applicationRouteRef,
  },
});
