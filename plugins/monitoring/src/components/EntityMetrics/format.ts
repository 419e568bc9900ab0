export function percent(v: number | undefined) {
  return v === undefined ? '—' : `${(v * 100).toFixed(2)} %`;
}

/**
 * The error budget left: a share of the 30-day budget, which goes below zero once the errors
 * exceed what the objective allows. Below zero it reads "exhausted" with how far over it is,
 * never a bare negative percentage.
 */
export function formatBudget(remaining: number | undefined): string {
  if (remaining === undefined) return '—';
  if (remaining <= 0) {
    return remaining === 0 ? 'exhausted' : `exhausted, ${(remaining * 100).toFixed(1)} %`;
  }
  return percent(remaining);
}
