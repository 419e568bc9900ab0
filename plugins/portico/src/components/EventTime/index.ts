export { EventTime } from './EventTime';
export { formatAbsoluteTime, formatRelativeTime } from './formatTime';
