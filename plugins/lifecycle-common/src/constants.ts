/**
 * Where `portico:publish:local` writes repositories and the catalog's local-repository provider
 * reads them (app-config key; a relative path is resolved against the backend's working folder).
 */
export const LOCAL_REPOSITORIES_CONFIG_KEY = 'portico.localRepositories.directory';
export const LOCAL_REPOSITORIES_DEFAULT_DIR = '.portico-data/repos';
/** A repository folder name: what a template's `name` parameter allows too. */
export const LOCAL_REPOSITORY_NAME_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/** Kinds the local-repository provider accepts: never roles (User, Group) nor Locations or Templates. */
export const LOCAL_REPOSITORY_KINDS = ['Component', 'API', 'Resource', 'System'] as const;

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** Guardrails of the seed. */
export const LIFECYCLE_LIMITS = {
  /** Longest life of a non-production resource, extensions included. */
  maxTtlMs: 30 * DAY,
  /** Notices before expiry, earliest first. */
  noticesBeforeMs: { '48h': 48 * HOUR, '24h': 24 * HOUR },
} as const;

export const DAY_MS = DAY;
export const HOUR_MS = HOUR;
