export { VisibleToEventReaders } from './VisibleToEventReaders';
