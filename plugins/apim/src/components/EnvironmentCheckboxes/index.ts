export { EnvironmentCheckboxes } from './EnvironmentCheckboxes';
