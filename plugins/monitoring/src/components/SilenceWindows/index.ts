export { SilenceWindowsView, localToIso } from './SilenceWindowsView';
