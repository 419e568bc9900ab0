import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Areas whose permissions Portico owns: `<area>.<resource>.<action>`. */
export const DEFAULT_PORTICO_AREAS = [
  'portico',
  'apim',
  'promotions',
  'servicedesk',
  'security',
  'monitoring',
];

export interface RoleGrant {
  /** Full group entity ref, `group:default/sre`. */
  group: string;
  /** Compiled permission-name patterns. */
  allow: RegExp[];
}

export interface RbacRules {
  porticoAreas: string[];
  /** Patterns every signed-in user holds. */
  signedInUsers: RegExp[];
  roles: RoleGrant[];
  /** Backstage permissions (catalog, scaffolder...) that need a grant instead of being allowed. */
  restrictedBackstagePermissions: RegExp[];
}

const PATTERN = /^(\*|[a-z][a-zA-Z0-9-]*(\.([a-zA-Z0-9-]+|\*))*)$/;

function compilePattern(pattern: string, key: string): RegExp {
  if (!PATTERN.test(pattern)) {
    throw new Error(
      `Invalid permission pattern '${pattern}' at config key '${key}': use a permission name such as 'promotions.request.approve', a prefix such as 'promotions.*', or '*'`,
    );
  }
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.]/g, '\\.'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** `fullKey` is the key from the config root, for error messages. */
function compilePatterns(config: Config, key: string, fullKey: string): RegExp[] {
  const patterns = config.getOptionalStringArray(key) ?? [];
  return patterns.map((p, i) => compilePattern(p, `${fullKey}[${i}]`));
}

function toGroupRef(value: string, key: string): string {
  let ref;
  try {
    ref = parseEntityRef(value, { defaultKind: 'group', defaultNamespace: 'default' });
  } catch (e) {
    throw new Error(`Invalid group reference '${value}' at config key '${key}': ${e}`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(
      `Invalid group reference '${value}' at config key '${key}': roles are catalog groups, got kind '${ref.kind}'`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/**
 * Reads `portico.rbac` eagerly so that a wrong value stops the backend at start-up with
 * the key that is wrong, instead of surfacing as a denied request later.
 */
export function readRbacRules(rootConfig: Config): RbacRules {
  const config = rootConfig.getOptionalConfig('portico.rbac');
  if (!config) {
    return {
      porticoAreas: DEFAULT_PORTICO_AREAS,
      signedInUsers: [],
      roles: [],
      restrictedBackstagePermissions: [],
    };
  }
  const roles = (config.getOptionalConfigArray('roles') ?? []).map((role, i) => {
    const key = `portico.rbac.roles[${i}]`;
    return {
      group: toGroupRef(role.getString('group'), `${key}.group`),
      allow: compilePatterns(role, 'allow', `${key}.allow`),
    };
  });
  const areas = config.getOptionalStringArray('areas') ?? DEFAULT_PORTICO_AREAS;
  areas.forEach((area, i) => {
    if (!/^[a-z][a-z0-9-]*$/.test(area)) {
      throw new Error(
        `Invalid area '${area}' at config key 'portico.rbac.areas[${i}]': lowercase letters, digits and dashes`,
      );
    }
  });
  return {
    porticoAreas: areas,
    signedInUsers: compilePatterns(config, 'signedInUsers', 'portico.rbac.signedInUsers'),
    roles,
    restrictedBackstagePermissions: compilePatterns(
      config,
      'restrictedBackstagePermissions',
      'portico.rbac.restrictedBackstagePermissions',
    ),
  };
}
