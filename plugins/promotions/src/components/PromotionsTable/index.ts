export { PromotionsTable, formatDate } from './PromotionsTable';
