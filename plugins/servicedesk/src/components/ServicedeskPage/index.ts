export { ServicedeskPage } from './ServicedeskPage';
