export { ApiPortalPage } from './ApiPortalPage';
