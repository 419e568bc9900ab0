export { EntityLifecycleCard } from './EntityLifecycleCard';
