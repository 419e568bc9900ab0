/**
 * Local demo sign-in for Portico: pick any catalog user, no password.
 *
 * @packageDocumentation
 */
export { authModuleDemoProvider as default } from './module';
export { decideDemoSignIn, DEMO_USER_HEADER } from './service/demoSignInPolicy';
