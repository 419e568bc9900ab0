export { PlansCard } from './PlansCard';
