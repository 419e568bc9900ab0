import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import HeadsetMicIcon from '@material-ui/icons/HeadsetMic';
import { ServicedeskClient, servicedeskApiRef } from './api';
import { requestRouteRef, servicedeskRouteRef } from './routes';

/** Extension id `api:servicedesk`. */
export const servicedeskApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: servicedeskApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new ServicedeskClient({ discoveryApi, fetchApi }),
    }),
});

/** Extension id `page:servicedesk`; with its title and icon it is also a nav item. */
export const servicedeskPage = PageBlueprint.make({
  params: {
    path: '/servicedesk',
    title: 'Service desk',
    icon: <HeadsetMicIcon />,
    routeRef: servicedeskRouteRef,
    noHeader: true,
    loader: () => import('./components/ServicedeskPage').then(m => <m.ServicedeskPage />),
  },
});

/** Extension id `page:servicedesk/request`: one ticket; no nav item. */
export const requestPage = PageBlueprint.make({
  name: 'request',
  params: {
    path: '/servicedesk/requests/:ticketId',
    routeRef: requestRouteRef,
    noHeader: true,
    loader: () => import('./components/RequestPage').then(m => <m.RequestPage />),
  },
});

export const servicedeskPlugin = createFrontendPlugin({
  pluginId: 'servicedesk',
  title: 'Service desk',
  extensions: [servicedeskApi, servicedeskPage, requestPage],
  routes: { root: servicedeskRouteRef, request: requestRouteRef },
});
