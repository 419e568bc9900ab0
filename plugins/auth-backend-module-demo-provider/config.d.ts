export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo sign-in: choose any catalog user, no password. Active only when `enabled` is
       * true and auth.environment is 'development' (unless the dangerous flag below is set);
       * never with NODE_ENV=production (start-up error).
       */
      demo?: {
        /**
         * The explicit switch (default false). The embedded app-config.yaml sets it for local
         * use; a production config sets it to false.
         */
        enabled?: boolean;
        /**
         * Turns demo sign-in on outside the development environment. Anyone can then sign
         * in as any user. Never set this on a portal that people rely on.
         */
        dangerouslyAllowSignInWithoutPassword?: boolean;
      };
    };
  };
  portico?: {
    signIn?: {
      /**
       * E-mail domains whose people may sign in with OIDC (exact match, a subdomain is another
       * domain). Required when auth.providers.oidc is configured: start-up fails without it.
       */
      allowedEmailDomains?: string[];
    };
  };
}
