import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import { MonitoringClient, monitoringApiRef } from './api';
import { rootRouteRef } from './routes';

/** Nav item id of the page, replaced in the app's sidebar by MonitoringSidebarItem (with the count). */
export const MONITORING_NAV_ITEM_ID = 'page:monitoring';

export const monitoringApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: monitoringApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new MonitoringClient({ discoveryApi, fetchApi }),
    }),
});

export const monitoringPage = PageBlueprint.make({
  params: {
    path: '/monitoring',
    title: 'Monitoring',
    icon: <NotificationsActiveIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () => import('./components/MonitoringPage').then(m => <m.MonitoringPage />),
  },
});

/** `entity-card:monitoring/alerts` on components' overview. */
export const alertsCard = EntityCardBlueprint.make({
  name: 'alerts',
  params: {
    filter: { kind: 'component' },
    loader: () => import('./components/EntityAlerts').then(m => <m.EntityAlertsCard />),
  },
});

/** `entity-content:monitoring/alerts`: the "Alerts" tab of components. */
export const alertsContent = EntityContentBlueprint.make({
  name: 'alerts',
  params: {
    path: 'alerts',
    title: 'Alerts',
    filter: { kind: 'component' },
    loader: () => import('./components/EntityAlerts').then(m => <m.EntityAlertsContent />),
  },
});

/** `entity-content:monitoring/metrics`: RED metrics, health checks and SLOs of components. */
export const metricsContent = EntityContentBlueprint.make({
  name: 'metrics',
  params: {
    path: 'metrics',
    title: 'Metrics',
    filter: { kind: 'component' },
    loader: () => import('./components/EntityMetrics').then(m => <m.EntityMetricsContent />),
  },
});

export const monitoringPlugin = createFrontendPlugin({
  pluginId: 'monitoring',
  title: 'Monitoring',
  extensions: [monitoringApi, monitoringPage, alertsCard, alertsContent, metricsContent],
  routes: { root: rootRouteRef },
});
