export {
  fillPath,
  operationTemplate,
  readDefinition,
  sampleFromSchema,
} from './openapi';
export type {
  OperationParameter,
  OperationTemplate,
  ReadDefinitionResult,
} from './openapi';
export { parseYaml, YamlError } from './yaml';
