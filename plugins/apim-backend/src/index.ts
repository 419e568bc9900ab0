export { apimPlugin as default } from './plugin';
