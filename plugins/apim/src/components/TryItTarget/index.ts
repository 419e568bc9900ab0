export { TryItTarget } from './TryItTarget';
