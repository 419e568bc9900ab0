export { ExportOpenapi30 } from './ExportOpenapi30';
