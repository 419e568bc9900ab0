export { parseRequestInput, uuidParam } from './requestInput';
