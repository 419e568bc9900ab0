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
import SecurityIcon from '@material-ui/icons/Security';
import { SecurityClient, securityApiRef } from './api';
import {
  findingRouteRef,
  securityRouteRef,
  weeklyReportRouteRef,
} from './routes';

/** Extension id `api:security`. */
export const securityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: securityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SecurityClient({ discoveryApi, fetchApi }),
    }),
});

/** Extension id `page:security`; with its title and icon it is also a nav item. */
export const securityPage = PageBlueprint.make({
  params: {
    path: '/security',
    title: 'Security',
    icon: <SecurityIcon />,
    routeRef: securityRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/SecurityPage').then(m => <m.SecurityPage />),
  },
});

/** Extension id `page:security/finding`: no title nor icon, so no nav item. */
export const findingPage = PageBlueprint.make({
  name: 'finding',
  params: {
    path: '/security/findings/:id',
    routeRef: findingRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/FindingPage').then(m => <m.FindingPage />),
  },
});

/** Extension id `page:security/report`: the weekly report per team (linked from /security). */
export const weeklyReportPage = PageBlueprint.make({
  name: 'report',
  params: {
    path: '/security/report',
    routeRef: weeklyReportRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/WeeklyReportPage').then(m => <m.WeeklyReportPage />),
  },
});

/** Extension id `entity-content:security/security`: the Security tab of components. */
export const securityContent = EntityContentBlueprint.make({
  name: 'security',
  params: {
    path: 'security',
    title: 'Security',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntitySecurity').then(m => (
        <m.EntitySecurityContent />
      )),
  },
});

/** Extension id `entity-card:security/security`, on components' overview. */
export const securityCard = EntityCardBlueprint.make({
  name: 'security',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntitySecurity').then(m => <m.EntitySecurityCard />),
  },
});

export const securityPlugin = createFrontendPlugin({
  pluginId: 'security',
  title: 'Security',
  extensions: [
    securityApi,
    securityPage,
    findingPage,
    weeklyReportPage,
    securityContent,
    securityCard,
  ],
  routes: {
    security: securityRouteRef,
    finding: findingRouteRef,
    weeklyReport: weeklyReportRouteRef,
  },
});
