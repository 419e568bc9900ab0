export { EventEnvelope } from './EventEnvelope';
