export { LifecyclePage } from './LifecyclePage';
