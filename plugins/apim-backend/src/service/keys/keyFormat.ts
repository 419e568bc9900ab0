import { createHash, randomBytes } from 'crypto';
import { crc32 } from 'zlib';
import type { ApimEnvironment } from '@portico/plugin-apim-common';

/**
 * API key format: `pt_<env>_<32 random base62><6 base62 CRC-32 checksum>`, e.g.
 * `pt_prod_7Hq2…`.
 *
 * - The `pt_` prefix makes keys recognisable (secret scanners, support people).
 * - The environment tag is part of the key, so a sandbox key can never be mistaken for a
 *   production one, even before a lookup.
 * - 32 base62 characters carry 190 random bits (at least 128 are required).
 * - The checksum covers everything before it, so a mistyped or truncated key is refused
 *   without touching the database.
 */
const ENV_TAGS: Record<ApimEnvironment, string> = {
  sandbox: 'sbx',
  staging: 'stg',
  production: 'prod',
};
const TAG_ENVS: Record<string, ApimEnvironment> = Object.fromEntries(
  Object.entries(ENV_TAGS).map(([env, tag]) => [tag, env as ApimEnvironment]),
);

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = new RegExp(
  `^pt_(sbx|stg|prod)_([0-9A-Za-z]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

/** Uniform base62 characters: bytes of 248 and above are dropped, so `% 62` has no bias. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) {
        out += BASE62[byte % 62];
        if (out.length === length) break;
      }
    }
  }
  return out;
}

/** CRC-32 in 6 base62 characters (62^6 > 2^32), left-padded. */
export function checksumOf(body: string): string {
  let value = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function envTag(environment: ApimEnvironment): string {
  return ENV_TAGS[environment];
}

export interface GeneratedKey {
  secret: string;
  /** SHA-256 of the whole key, hex: the only form the database keeps. */
  hash: string;
  /** `pt_prod_` and the first 4 random characters, for display. */
  prefix: string;
  last4: string;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(environment: ApimEnvironment): GeneratedKey {
  const head = `pt_${ENV_TAGS[environment]}_`;
  const random = randomBase62(RANDOM_LENGTH);
  const body = `${head}${random}`;
  const secret = `${body}${checksumOf(body)}`;
  return {
    secret,
    hash: hashApiKey(secret),
    prefix: `${head}${random.slice(0, 4)}`,
    last4: secret.slice(-4),
  };
}

/**
 * The environment a well-formed key belongs to, or undefined when the text is not a Portico
 * key or its checksum does not match (a typo): no database lookup is needed to refuse it.
 */
export function parseApiKey(text: string): { environment: ApimEnvironment } | undefined {
  const match = KEY_PATTERN.exec(text);
  if (!match) return undefined;
  const [, tag, random, checksum] = match;
  if (checksumOf(`pt_${tag}_${random}`) !== checksum) return undefined;
  return { environment: TAG_ENVS[tag] };
}
