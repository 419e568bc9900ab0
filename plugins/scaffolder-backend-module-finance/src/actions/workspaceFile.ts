import { resolveSafeChildPath } from '@backstage/backend-plugin-api';

/** A file inside the task's workspace; a path that leaves it (../, absolute) is refused. */
export function workspaceFile(workspacePath: string, relative: string): string {
  return resolveSafeChildPath(workspacePath, relative);
}
