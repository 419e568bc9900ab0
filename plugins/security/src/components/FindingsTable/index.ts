export * from './FindingsTable';
