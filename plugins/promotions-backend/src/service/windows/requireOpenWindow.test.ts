import { ConflictError } from '@backstage/errors';
import type { PromotionRecord } from '../../database/PromotionStore';
import { requireOpenWindow } from './requireOpenWindow';

const END = Date.parse('2026-11-02T10:00:00Z');
const record = (changeWindow?: PromotionRecord['changeWindow']) =>
  ({ changeWindow } as PromotionRecord);

describe('requireOpenWindow', () => {
  it('lets a request without a window, or before its end, through', () => {
    expect(() =>
      requireOpenWindow(record(), END + 1, 'approved'),
    ).not.toThrow();
    expect(() =>
      requireOpenWindow(
        record({ start: END - 3_600_000, end: END }),
        END,
        'approved',
      ),
    ).not.toThrow();
  });

  it('refuses once the window closed, with a 409 naming when and what to do', () => {
    expect(() =>
      requireOpenWindow(
        record({ start: END - 3_600_000, end: END }),
        END + 1,
        'retried',
      ),
    ).toThrow(
      new ConflictError(
        'The change window of this request closed at 2026-11-02T10:00:00.000Z; it cannot be retried: make a new request with a new window',
      ),
    );
  });
});
