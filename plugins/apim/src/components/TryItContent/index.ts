export { TryItContent } from './TryItContent';
