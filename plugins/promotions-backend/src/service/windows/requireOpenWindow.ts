import { ConflictError } from '@backstage/errors';
import type { PromotionRecord } from '../../database/PromotionStore';

/** A request whose change window has closed is neither approved nor retried. */
export function requireOpenWindow(
  record: PromotionRecord,
  now: number,
  done: string,
): void {
  const window = record.changeWindow;
  if (window && window.end < now) {
    throw new ConflictError(
      `The change window of this request closed at ${new Date(
        window.end,
      ).toISOString()}; it cannot be ${done}: make a new request with a new window`,
    );
  }
}
