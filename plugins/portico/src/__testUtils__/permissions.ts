import { mockApis } from '@backstage/frontend-test-utils';

/**
 * `AuthorizeResult` from @backstage/plugin-permission-common, which this package does not
 * depend on: its values are these strings.
 */
type Decision = Exclude<
  NonNullable<Parameters<typeof mockApis.permission>[0]>['authorize'],
  Function | undefined
>;
const ALLOW = 'ALLOW' as Decision;
const DENY = 'DENY' as Decision;

/** A permission API that allows exactly the named permissions. */
export function permissionsAllowing(
  ...names: string[]
): ReturnType<typeof mockApis.permission> {
  return mockApis.permission({
    authorize: request =>
      names.includes(request.permission.name) ? ALLOW : DENY,
  });
}

/** Like permissionsAllowing, and lists the permissions the page asked about, in order. */
export function recordingPermissionsAllowing(...names: string[]): {
  permissionApi: ReturnType<typeof mockApis.permission>;
  asked: string[];
} {
  const asked: string[] = [];
  const permissionApi = mockApis.permission({
    authorize: request => {
      asked.push(request.permission.name);
      return names.includes(request.permission.name) ? ALLOW : DENY;
    },
  });
  return { permissionApi, asked };
}
