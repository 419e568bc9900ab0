export { ApiResults, API_PAGE_SIZES } from './ApiResults';
