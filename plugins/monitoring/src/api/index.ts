export * from './MonitoringApi';
export { MonitoringClient, describeError } from './MonitoringClient';
