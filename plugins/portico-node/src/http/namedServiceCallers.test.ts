import { mockCredentials } from '@backstage/backend-test-utils';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { NamedServiceCallers, readServiceSubjects } from './namedServiceCallers';

function recordingAuditor() {
  const records: any[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const record: any = { ...options };
      records.push(record);
      return {
        async success() {
          record.outcome = 'success';
        },
        async fail({ error }) {
          record.outcome = 'fail';
          record.error = error.message;
        },
      };
    },
  };
  return { auditor, records };
}

const config = new ConfigReader({ servicedesk: { intake: { allowedSubjects: ['external:forms', 'plugin:scaffolder'] } } });

describe('NamedServiceCallers', () => {
  it('accepts only the named services, and audits every refusal (other services, users)', async () => {
    const { auditor, records } = recordingAuditor();
    const callers = NamedServiceCallers.fromConfig(config, 'servicedesk.intake.allowedSubjects', { auditor });
    const forms = mockCredentials.service('external:forms');
    await expect(callers.require(forms, { endpoint: 'POST /requests' })).resolves.toEqual({
      subject: 'external:forms',
      credentials: forms,
    });
    await expect(callers.require(mockCredentials.service('plugin:catalog'), { endpoint: 'POST /requests' })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        "POST /requests accepts only the services named in config 'servicedesk.intake.allowedSubjects' (external:forms, plugin:scaffolder); service plugin:catalog is not one of them",
    });
    await expect(
      callers.require(mockCredentials.user('user:default/judy'), { endpoint: 'POST /requests', meta: { service: 'vpn' } }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(records).toEqual([
      expect.objectContaining({
        eventId: 'service-caller-refused',
        severityLevel: 'high',
        meta: {
          endpoint: 'POST /requests',
          caller: 'plugin:catalog',
          callerType: 'service',
          configKey: 'servicedesk.intake.allowedSubjects',
        },
        outcome: 'fail',
      }),
      expect.objectContaining({
        meta: expect.objectContaining({ caller: 'user:default/judy', callerType: 'user', service: 'vpn' }),
        outcome: 'fail',
      }),
    ]);
  });

  it('accepts nobody when the key is missing (fail closed)', async () => {
    const { auditor } = recordingAuditor();
    const callers = NamedServiceCallers.fromConfig(new ConfigReader({}), 'promotions.targets.PROD.executorSubjects', { auditor });
    expect(callers.allows(mockCredentials.service('external:awx'))).toBe(false);
    await expect(callers.require(mockCredentials.service('external:awx'), { endpoint: 'x' })).rejects.toThrow(/none configured/);
  });

  it('refuses a malformed subject at start-up, naming the key', () => {
    expect(() => readServiceSubjects(new ConfigReader({ a: { b: ['awx', 'two words'] } }), 'a.b')).toThrow(
      "Invalid service subject 'two words' at config key 'a.b[1]'",
    );
  });

  it("takes a static token's subject as Backstage gives it, without a prefix", () => {
    // backend.auth.externalAccess `{ type: static, options: { subject: gateway } }` authenticates as subject `gateway`.
    expect(readServiceSubjects(new ConfigReader({ a: ['gateway', 'plugin:scaffolder'] }), 'a')).toEqual([
      'gateway',
      'plugin:scaffolder',
    ]);
  });
});
