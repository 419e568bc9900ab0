import { randomInt } from 'node:crypto';

const SETS = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#$%&*+-=?@_',
];

/**
 * A temporary password that meets Microsoft Entra's complexity rule (3 of 4 character classes, 8–256 characters):
 * one of each class, the rest from all of them, shuffled, all from the CSPRNG. Look-alike characters are left out
 * because a person types it once.
 */
export function generatePassword(length = 16): string {
  const all = SETS.join('');
  const chars = SETS.map(set => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
