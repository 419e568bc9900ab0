export interface Config {
  integrations?: {
    /** The Docker Engine of the isolation playbook; unset: the docker actions only dry-run. */
    docker?: {
      /** e.g. /var/run/docker.sock */
      socketPath?: string;
      host?: string;
      port?: number;
      protocol?: 'http' | 'https';
      /** PEM text or a file path. */
      ca?: string;
      /** PEM text or a file path. */
      cert?: string;
      /**
       * PEM text or a file path.
       * @visibility secret
       */
      key?: string;
    };
  };
}
