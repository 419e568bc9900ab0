export { createAwxJobLaunchAction, AWX_LAUNCH_ACTION_ID } from './awx';
export { createSlackMessageAction, createTeamsMessageAction, SLACK_MESSAGE_ACTION_ID, TEAMS_MESSAGE_ACTION_ID } from './notify';
export { createHttpRequestAction, HTTP_REQUEST_ACTION_ID } from './httpRequest';
