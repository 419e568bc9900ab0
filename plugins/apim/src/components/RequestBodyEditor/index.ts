export { RequestBodyEditor } from './RequestBodyEditor';
