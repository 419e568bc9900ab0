export { EnvironmentChips } from './EnvironmentChips';
