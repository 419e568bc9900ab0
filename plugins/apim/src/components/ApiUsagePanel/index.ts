export { ApiUsagePanel, usageByApplication } from './ApiUsagePanel';
