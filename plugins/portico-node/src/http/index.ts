export { parseRequestInput, uuidParam } from './requestInput';
export { jsonBody } from './jsonBody';
export * from './namedServiceCallers';
export * from './permissionedCallers';
