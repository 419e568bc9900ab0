export * from './FindingPage';
