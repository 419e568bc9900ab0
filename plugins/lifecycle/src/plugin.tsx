import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/lifecycle',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const lifecyclePlugin = createFrontendPlugin({
  pluginId: 'lifecycle',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
