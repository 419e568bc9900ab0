export { ownersOf, sameRef } from './ownersOf';
