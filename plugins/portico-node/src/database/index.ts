export * as columnValues from './columnValues';
