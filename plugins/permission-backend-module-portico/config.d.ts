export interface Config {
  portico?: {
    /** Role-based access: roles are catalog groups. */
    rbac?: {
      /**
       * Permission-name areas that Portico owns (`<area>.<resource>.<action>`): denied unless
       * a role grants them. Defaults to portico, apim, promotions, servicedesk, security, monitoring.
       */
      areas?: string[];
      /** Permission patterns every signed-in user holds, e.g. `apim.api.read`. */
      signedInUsers?: string[];
      /** Group to permission patterns (`promotions.request.approve`, `promotions.*`, `*`). */
      roles?: Array<{
        /** A group entity ref: `sre` or `group:default/sre`. */
        group: string;
        allow: string[];
      }>;
      /**
       * Backstage permissions that are allowed to everyone by default but should need a grant,
       * e.g. `catalog.entity.delete`.
       */
      restrictedBackstagePermissions?: string[];
    };
  };
}
