export { TryItResponseView, presentBody } from './TryItResponseView';
