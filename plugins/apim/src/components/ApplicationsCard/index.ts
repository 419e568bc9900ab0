export { ApplicationsCard } from './ApplicationsCard';
