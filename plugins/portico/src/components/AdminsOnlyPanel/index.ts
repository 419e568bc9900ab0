export { AdminsOnlyPanel, ADMINS_ONLY_TITLE } from './AdminsOnlyPanel';
