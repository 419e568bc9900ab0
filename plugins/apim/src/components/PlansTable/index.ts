export { PlansTable } from './PlansTable';
