export { ApplicationSubscriptions } from './ApplicationSubscriptions';
