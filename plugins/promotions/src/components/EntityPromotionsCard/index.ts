export { EntityPromotionsCard } from './EntityPromotionsCard';
