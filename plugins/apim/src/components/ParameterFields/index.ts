export { ParameterFields } from './ParameterFields';
