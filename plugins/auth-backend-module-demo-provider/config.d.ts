export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo sign-in: choose any catalog user, no password. Active only when
       * auth.environment is 'development', unless the flag below is set.
       */
      demo?: {
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
