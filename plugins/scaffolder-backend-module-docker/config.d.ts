export interface Config {
  integrations?: {
    /** The Docker Engine of the isolation playbook; unset: the docker actions only dry-run. */
    docker?: {
      /** A local engine, e.g. /var/run/docker.sock; wins over host. */
      socketPath?: string;
      /** A remote engine (dockerd --tlsverify -H tcp://0.0.0.0:2376). */
      host?: string;
      /** Default 2376. */
      port?: number;
      /** Default https; http only for an engine on a trusted local network. */
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
      isolation?: {
        /**
         * Group refs whose members may isolate a container for real (dry runs are open to all
         * who may run the template); default group:default/security.
         */
        allowedGroups?: string[];
      };
    };
  };
}
