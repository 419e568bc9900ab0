export { ApplicationAbout } from './ApplicationAbout';
