import { deliveryStateLabel } from './DeliveryStateChip';

describe('deliveryStateLabel', () => {
  it('names a parked event dead letter, with its attempts', () => {
    expect(deliveryStateLabel('dead-letter', 10)).toBe('dead letter · 10 attempts');
    expect(deliveryStateLabel('failing', 1)).toBe('failing · 1 attempt');
    expect(deliveryStateLabel('pending', 0)).toBe('pending');
  });
});
