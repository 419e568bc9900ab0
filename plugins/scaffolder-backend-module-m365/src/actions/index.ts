export { createResetPasswordAction, RESET_PASSWORD_ACTION_ID } from './resetPassword';
export { createOffboardAction, OFFBOARD_ACTION_ID } from './offboard';
export { createOnboardAction, ONBOARD_ACTION_ID } from './onboard';
export {
  createSharePointSiteAction,
  createSharePointLibraryAction,
  CREATE_SITE_ACTION_ID,
  CREATE_LIBRARY_ACTION_ID,
} from './sharepoint';
export { createTeamsChannelAction, CREATE_CHANNEL_ACTION_ID } from './teams';
export { createGroupAddMemberAction, GROUP_ADD_MEMBER_ACTION_ID } from './groupAddMember';
export type { M365ActionOptions } from './shared';
