export * from './RuntimeEventsList';
