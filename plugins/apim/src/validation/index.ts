export { fieldErrors } from './fieldErrors';
