/**
 * The promotions frontend: promotion requests with filters, a request page with its timeline,
 * deployment attempts and evidence, a card on components and the home widget of what awaits
 * the user's approval.
 *
 * @packageDocumentation
 */
export { promotionsPlugin as default } from './plugin';
export { promotionsApiRef, PromotionsClient, type PromotionsApi, type ListPromotionsRequest } from './api';

/** The nav item id of the promotions page, for the app's sidebar. */
export const PROMOTIONS_NAV_ITEM_ID = 'page:promotions';
export { PromotionsSidebarItem } from './components/PromotionsSidebarItem';
