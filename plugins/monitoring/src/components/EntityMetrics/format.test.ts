import { formatBudget, percent } from './format';

describe('formatBudget', () => {
  it('shows what is left as a percentage, and an overspent budget as exhausted with how far below zero', () => {
    expect(formatBudget(0.4567)).toBe('45.67 %');
    expect(formatBudget(0)).toBe('exhausted');
    expect(formatBudget(-1)).toBe('exhausted, -100.0 %');
    expect(formatBudget(-0.123)).toBe('exhausted, -12.3 %');
    expect(formatBudget(undefined)).toBe('—');
    expect(percent(1)).toBe('100.00 %');
  });
});
