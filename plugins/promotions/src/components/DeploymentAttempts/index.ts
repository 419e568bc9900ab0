export { DeploymentAttempts } from './DeploymentAttempts';
