export { PromotionsSidebarItem } from './PromotionsSidebarItem';
