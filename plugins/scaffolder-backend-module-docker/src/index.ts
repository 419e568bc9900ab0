/**
 * Docker Engine actions for the scaffolder: inspect and isolate a container (incident playbook).
 *
 * @packageDocumentation
 */
export { scaffolderModule as default } from './module';
export {
  createDockerInspectAction,
  createDockerIsolateAction,
  isolationPlan,
} from './actions/docker';
export {
  DockerodeEngine,
  readDockerOptions,
  type ContainerEngine,
  type ContainerFacts,
} from './engine';
