import { describeZodError } from '@portico/plugin-portico-common';
import {
  bulkTriageSchema,
  slaAnnotationSchema,
  weeklyReportQuerySchema,
} from './schemas';

describe('slaAnnotationSchema', () => {
  it('reads severity=days entries, days or weeks', () => {
    expect(slaAnnotationSchema.parse('critical=3d, high=2w,medium=45')).toEqual(
      {
        critical: 3,
        high: 14,
        medium: 45,
      },
    );
  });

  it.each([
    ['', /at least one/],
    ['critical', /severity=days/],
    ['urgent=3d', /severity must be one of/],
    ['critical=0d', /at least 1 day/],
    ['critical=3d,critical=5d', /named twice/],
    ['high=3m', /severity=days/],
  ])('refuses %p with a reason', (value, reason) => {
    const result = slaAnnotationSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(describeZodError(result.error!)).toMatch(reason);
  });
});

describe('bulkTriageSchema', () => {
  const id = '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d';

  it('takes a triage action or a risk request for many ids', () => {
    expect(
      bulkTriageSchema.parse({ ids: [id], action: 'acknowledge' }),
    ).toEqual({
      ids: [id],
      action: 'acknowledge',
    });
    expect(
      bulkTriageSchema.safeParse({
        ids: [id],
        action: 'request_risk',
        kind: 'false_positive',
        justification: 'the package is not in the runtime image at all',
        expiresAt: '2999-01-01T00:00:00Z',
      }).success,
    ).toBe(true);
  });

  it('names what is wrong', () => {
    const twice = bulkTriageSchema.safeParse({
      ids: [id, id],
      action: 'start',
    });
    expect(describeZodError(twice.error!)).toMatch(/^ids: the same id twice/);
    const bad = bulkTriageSchema.safeParse({
      ids: [id, 'nope'],
      action: 'start',
    });
    expect(describeZodError(bad.error!)).toMatch(/^ids\.1/);
    const noWhy = bulkTriageSchema.safeParse({
      ids: [id],
      action: 'request_risk',
      kind: 'risk_accepted',
      expiresAt: '2999-01-01T00:00:00Z',
    });
    expect(describeZodError(noWhy.error!)).toMatch(/justification/);
    expect(
      bulkTriageSchema.safeParse({ ids: [], action: 'start' }).success,
    ).toBe(false);
  });
});

describe('weeklyReportQuerySchema', () => {
  it('takes an ISO week', () => {
    expect(weeklyReportQuerySchema.parse({ week: '2026-W49' }).week).toBe(
      '2026-W49',
    );
    expect(weeklyReportQuerySchema.safeParse({ week: '2026-49' }).success).toBe(
      false,
    );
  });
});
