export { ApplicationUsage, usageTotals } from './ApplicationUsage';
