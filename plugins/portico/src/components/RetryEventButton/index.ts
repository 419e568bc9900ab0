export { RetryEventButton } from './RetryEventButton';
