import { createHash } from 'crypto';
import { checksumOf, generateApiKey, hashApiKey, parseApiKey } from './keyFormat';

describe('API key format', () => {
  it.each([
    ['sandbox', 'sbx'],
    ['staging', 'stg'],
    ['production', 'prod'],
  ] as const)('%s keys read pt_%s_ + 32 random + 6 checksum characters', (environment, tag) => {
    const key = generateApiKey(environment);
    expect(key.secret).toMatch(new RegExp(`^pt_${tag}_[0-9A-Za-z]{38}$`));
    expect(key.prefix).toBe(key.secret.slice(0, tag.length + 4 + 4));
    expect(key.prefix).toMatch(new RegExp(`^pt_${tag}_[0-9A-Za-z]{4}$`));
    expect(key.last4).toBe(key.secret.slice(-4));
    expect(parseApiKey(key.secret)).toEqual({ environment });
  });

  it('keeps only the SHA-256 of the whole key', () => {
    const key = generateApiKey('production');
    expect(key.hash).toBe(createHash('sha256').update(key.secret).digest('hex'));
    expect(hashApiKey(key.secret)).toBe(key.hash);
    expect(key.hash).not.toContain(key.secret.slice(8, 40));
  });

  it('draws at least 128 random bits, uniformly over base62', () => {
    // 32 characters of base62: log2(62) * 32 = 190 bits.
    expect(Math.log2(62) * 32).toBeGreaterThan(128);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      for (const c of generateApiKey('sandbox').secret.slice(7, 39)) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(62);
    const expected = (2000 * 32) / 62;
    for (const n of counts.values()) {
      expect(Math.abs(n - expected) / expected).toBeLessThan(0.2);
    }
    const secrets = new Set(Array.from({ length: 1000 }, () => generateApiKey('sandbox').secret));
    expect(secrets.size).toBe(1000);
  });

  it('refuses a key with one character changed, swapped or missing (checksum)', () => {
    const { secret } = generateApiKey('production');
    const chars = secret.split('');
    const i = 12;
    chars[i] = chars[i] === 'a' ? 'b' : 'a';
    expect(parseApiKey(chars.join(''))).toBeUndefined();
    // Two neighbouring characters that differ, swapped.
    const j = [...secret].findIndex((c, k) => k >= 8 && k < 38 && c !== secret[k + 1]);
    const swapped = `${secret.slice(0, j)}${secret[j + 1]}${secret[j]}${secret.slice(j + 2)}`;
    expect(swapped).not.toBe(secret);
    expect(parseApiKey(swapped)).toBeUndefined();
    expect(parseApiKey(secret.slice(0, -1))).toBeUndefined();
    expect(parseApiKey(`${secret}x`)).toBeUndefined();
  });

  it('refuses a key whose environment tag was edited (the checksum covers it)', () => {
    const { secret } = generateApiKey('sandbox');
    expect(parseApiKey(secret.replace('pt_sbx_', 'pt_prod_'))).toBeUndefined();
  });

  it('refuses what is not a Portico key', () => {
    for (const text of ['', 'pt_', 'pt_dev_abc', 'Bearer x', `pt_sbx_${'a'.repeat(38)} `]) {
      expect(parseApiKey(text)).toBeUndefined();
    }
  });

  it('writes the checksum in 6 base62 characters', () => {
    expect(checksumOf('pt_sbx_x')).toMatch(/^[0-9A-Za-z]{6}$/);
    expect(checksumOf('')).toBe('000000');
  });
});
