export { lifecyclePlugin as default } from './plugin';
