export { ApplicationKeys } from './ApplicationKeys';
