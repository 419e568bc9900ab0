import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import PublishIcon from '@material-ui/icons/Publish';
import { PromotionsClient, promotionsApiRef } from './api';
import { promotionRequestRouteRef, promotionsRouteRef } from './routes';

/** Extension id `api:promotions`. */
export const promotionsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: promotionsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new PromotionsClient({ discoveryApi, fetchApi }),
    }),
});

/** Extension id `page:promotions`; with its title and icon it is also a nav item. */
export const promotionsPage = PageBlueprint.make({
  params: {
    path: '/promotions',
    title: 'Promotions',
    icon: <PublishIcon />,
    routeRef: promotionsRouteRef,
    noHeader: true,
    loader: () => import('./components/PromotionsPage').then(m => <m.PromotionsPage />),
  },
});

/** Extension id `page:promotions/request`: no title nor icon, so no nav item. */
export const promotionRequestPage = PageBlueprint.make({
  name: 'request',
  params: {
    path: '/promotions/:id',
    routeRef: promotionRequestRouteRef,
    noHeader: true,
    loader: () => import('./components/PromotionRequestPage').then(m => <m.PromotionRequestPage />),
  },
});

/** Extension id `entity-card:promotions/promotions`, on components' overview. */
export const promotionsCard = EntityCardBlueprint.make({
  name: 'promotions',
  params: {
    filter: { kind: 'component' },
    loader: () => import('./components/EntityPromotionsCard').then(m => <m.EntityPromotionsCard />),
  },
});

/** The home page widget `PromotionsAwaitingApproval`: the count awaiting the user's approval. */
export const awaitingApprovalWidget = HomePageWidgetBlueprint.make({
  name: 'awaiting-approval',
  params: {
    name: 'PromotionsAwaitingApproval',
    title: 'Promotions awaiting my approval',
    description: 'Promotion requests you may approve, never your own',
    components: () =>
      import('./components/AwaitingApprovalWidget').then(m => ({ Content: m.AwaitingApprovalWidget })),
  },
});

export const promotionsPlugin = createFrontendPlugin({
  pluginId: 'promotions',
  title: 'Promotions',
  extensions: [promotionsApi, promotionsPage, promotionRequestPage, promotionsCard, awaitingApprovalWidget],
  routes: {
    promotions: promotionsRouteRef,
    request: promotionRequestRouteRef,
  },
});
