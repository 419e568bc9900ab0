import { InputError } from '@backstage/errors';

/**
 * Where a request goes: one step along the chain of environments. Either end may be left out
 * (from defaults to the one before `to`, or the first; to defaults to the one after `from`).
 */
export function promotionRoute(
  chain: readonly string[],
  from?: string,
  to?: string,
): { fromEnvironment: string; toEnvironment: string } {
  const fromEnvironment =
    from ?? (to ? chain[chain.indexOf(to) - 1] : chain[0]);
  const index = chain.indexOf(fromEnvironment ?? '');
  if (index < 0 || index === chain.length - 1) {
    throw new InputError(
      `${
        from ? 'fromEnvironment' : 'toEnvironment'
      }: promotions go along ${chain.join(' → ')}; ${
        from ?? to
      } has no next environment`,
    );
  }
  const toEnvironment = to ?? chain[index + 1];
  if (toEnvironment !== chain[index + 1]) {
    throw new InputError(
      `toEnvironment: ${fromEnvironment} promotes to ${
        chain[index + 1]
      } (chain ${chain.join(' → ')}), not ${toEnvironment}`,
    );
  }
  return { fromEnvironment, toEnvironment };
}
