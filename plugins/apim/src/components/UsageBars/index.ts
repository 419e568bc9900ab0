export { UsageBars, saveCsv, type UsagePoint } from './UsageBars';
