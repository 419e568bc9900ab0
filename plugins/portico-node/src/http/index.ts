export { parseRequestInput, uuidParam } from './requestInput';
export * from './namedServiceCallers';
