/* The apim tables the stores share (joins, the key verification query). */

export const APPLICATIONS = 'apim_applications';
export const SUBSCRIPTIONS = 'apim_subscriptions';
export const HISTORY = 'apim_subscription_history';
export const KEYS = 'apim_api_keys';
