export * from './SecurityPage';
