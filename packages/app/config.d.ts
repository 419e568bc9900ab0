export interface Config {
  portico?: {
    signIn?: {
      /**
       * The sign-in the app offers: 'demo' (pick a demo user, local only) or 'oidc'.
       * @visibility frontend
       */
      provider?: 'demo' | 'oidc';
    };
  };
  auth?: {
    /**
     * @visibility frontend
     */
    environment?: string;
  };
}
