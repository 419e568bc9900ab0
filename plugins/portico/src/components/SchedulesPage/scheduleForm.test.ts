import { daily } from '../../__testUtils__/renderSchedulesPage';
import {
  createBodyOf,
  formOf,
  NEW_SCHEDULE,
  parseParameters,
  updateBodyOf,
} from './scheduleForm';

describe('parseParameters', () => {
  it.each([
    ['', {}],
    ['  ', {}],
    [
      '{"severity": "HIGH", "days": 7, "dryRun": true}',
      { severity: 'HIGH', days: 7, dryRun: true },
    ],
  ])('reads %j', (text, value) => {
    expect(parseParameters(text)).toEqual({ value });
  });

  it.each([
    ['{"severity": ', /^not valid JSON/],
    ['["HIGH"]', /must be a JSON object/],
    ['null', /must be a JSON object/],
    ['"HIGH"', /must be a JSON object/],
    ['{"targets": ["a"]}', /^targets must be text, a number or true\/false$/],
    ['{"x": null}', /^x must be text/],
  ])('refuses %j, naming the parameters field', (text, message) => {
    const { error } = parseParameters(text);
    expect(error?.field).toBe('parameters');
    expect(error?.message).toMatch(message);
  });
});

describe('createBodyOf and updateBodyOf', () => {
  const form = {
    ...NEW_SCHEDULE,
    name: ' Nightly scan ',
    templateRef: 'template:default/scheduled-trivy-scan',
    cron: ' 0 2 * * * ',
    parameters: '{"severity": "HIGH"}',
  };

  it('sends the cron, the parsed parameters and no owner when none is given', () => {
    expect(createBodyOf(form)).toEqual({
      value: {
        name: 'Nightly scan',
        templateRef: 'template:default/scheduled-trivy-scan',
        cron: '0 2 * * *',
        parameters: { severity: 'HIGH' },
        enabled: false,
      },
    });
  });

  it('sends the interval instead of the cron, and the owner when given', () => {
    expect(
      createBodyOf({
        ...form,
        trigger: 'interval',
        intervalMinutes: '90',
        owner: 'group:default/sre',
      }).value,
    ).toEqual({
      name: 'Nightly scan',
      templateRef: 'template:default/scheduled-trivy-scan',
      intervalMinutes: 90,
      parameters: { severity: 'HIGH' },
      owner: 'group:default/sre',
      enabled: false,
    });
  });

  it('refuses an interval that is not a whole number, and parameters that are not JSON', () => {
    expect(
      createBodyOf({ ...form, trigger: 'interval', intervalMinutes: '1.5' })
        .error,
    ).toEqual({
      field: 'intervalMinutes',
      message: 'a whole number of minutes',
    });
    expect(
      createBodyOf({ ...form, parameters: 'severity: HIGH' }).error?.field,
    ).toBe('parameters');
  });

  it('round-trips a schedule, leaving its template out of the patch', () => {
    const schedule = {
      ...daily,
      cron: undefined,
      name: 'Weekly report',
      templateRef: 'template:default/scheduled-security-report',
      intervalMinutes: 10080,
      parameters: { team: 'security' },
      owner: 'group:default/security',
      enabled: true,
    };
    expect(updateBodyOf(formOf(schedule))).toEqual({
      value: {
        name: 'Weekly report',
        intervalMinutes: 10080,
        parameters: { team: 'security' },
        owner: 'group:default/security',
        enabled: true,
      },
    });
  });
});
