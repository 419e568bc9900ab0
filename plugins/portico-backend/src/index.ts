export { porticoPlugin as default } from './plugin';
