export { KeyValueEditor } from './KeyValueEditor';
