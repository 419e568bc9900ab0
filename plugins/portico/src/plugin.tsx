import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import TimelineIcon from '@material-ui/icons/Timeline';
import {
  PorticoEventsClient,
  porticoEventsApiRef,
  PorticoSchedulesClient,
  porticoSchedulesApiRef,
} from './api';
import { eventsRouteRef, schedulesRouteRef } from './routes';

/** Extension id `api:portico/events`. */
export const porticoEventsApi = ApiBlueprint.make({
  name: 'events',
  params: defineParams =>
    defineParams({
      api: porticoEventsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PorticoEventsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Extension id `page:portico/events`. With a title and an icon the page is also the nav
 * item (the app's sidebar shows it to event readers only). The page draws its own header.
 */
export const eventsPage = PageBlueprint.make({
  name: 'events',
  params: {
    path: '/events',
    title: 'Events',
    icon: <TimelineIcon />,
    routeRef: eventsRouteRef,
    noHeader: true,
    loader: () => import('./components/EventsPage').then(m => <m.EventsPage />),
  },
});

/** Extension id `api:portico/schedules`. */
export const porticoSchedulesApi = ApiBlueprint.make({
  name: 'schedules',
  params: defineParams =>
    defineParams({
      api: porticoSchedulesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new PorticoSchedulesClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Extension id `page:portico/schedules`, for portal admins. No title or icon: it is not a nav
 * item for everyone; the events page links to it.
 */
export const schedulesPage = PageBlueprint.make({
  name: 'schedules',
  params: {
    path: '/schedules',
    routeRef: schedulesRouteRef,
    noHeader: true,
    loader: () => import('./components/SchedulesPage').then(m => <m.SchedulesPage />),
  },
});

export const porticoPlugin = createFrontendPlugin({
  pluginId: 'portico',
  title: 'Portico',
  extensions: [porticoEventsApi, eventsPage, porticoSchedulesApi, schedulesPage],
  routes: {
    events: eventsRouteRef,
    schedules: schedulesRouteRef,
  },
});
