export * from './SeverityChart';
