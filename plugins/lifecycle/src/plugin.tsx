import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TimerIcon from '@material-ui/icons/Timer';
import { LifecycleClient, lifecycleApiRef } from './api';
import { lifecycleRouteRef } from './routes';

/** Extension id `api:lifecycle`. */
export const lifecycleApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: lifecycleApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new LifecycleClient({ discoveryApi, fetchApi }),
    }),
});

/** Extension id `page:lifecycle`: expiring soon, tag violations, cost centres; a nav item. */
export const lifecyclePage = PageBlueprint.make({
  params: {
    path: '/lifecycle',
    title: 'Lifecycle',
    icon: <TimerIcon />,
    routeRef: lifecycleRouteRef,
    noHeader: true,
    loader: () => import('./components/LifecyclePage').then(m => <m.LifecyclePage />),
  },
});

/** Extension id `entity-card:lifecycle/lifecycle`, on Resources' overview. */
export const lifecycleCard = EntityCardBlueprint.make({
  name: 'lifecycle',
  params: {
    filter: { kind: 'resource' },
    loader: () => import('./components/EntityLifecycleCard').then(m => <m.EntityLifecycleCard />),
  },
});

export const lifecyclePlugin = createFrontendPlugin({
  pluginId: 'lifecycle',
  title: 'Lifecycle',
  extensions: [lifecycleApi, lifecyclePage, lifecycleCard],
  routes: { lifecycle: lifecycleRouteRef },
});
