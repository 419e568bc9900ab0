export * from './SeverityChip';
