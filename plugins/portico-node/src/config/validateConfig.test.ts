import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import { validateConfig, withoutRequiredKeys } from './validateConfig';

const schema = () =>
  loadConfigSchema({
    serialized: {
      backstageConfigSchemaVersion: 1,
      schemas: [
        {
          path: 'portico-node/config.d.ts',
          value: {
            type: 'object',
            properties: {
              portico: {
                type: 'object',
                properties: {
                  metrics: {
                    type: 'object',
                    properties: { enabled: { type: 'boolean' }, token: { type: 'string' } },
                  },
                  signIn: {
                    type: 'object',
                    properties: { provider: { type: 'string', enum: ['demo', 'oidc'] } },
                  },
                },
              },
            },
          },
        },
      ],
    },
  });

describe('validateConfig', () => {
  let schemaSync: Awaited<ReturnType<typeof schema>>;
  beforeAll(async () => {
    schemaSync = await schema();
  });

  it('accepts config that matches the schema, and keys without a schema', async () => {
    const config = new ConfigReader({
      portico: { metrics: { enabled: true }, signIn: { provider: 'oidc' } },
      somethingElse: { free: 'form' },
    });
    expect(() => validateConfig(config, schemaSync)).not.toThrow();
  });

  it('names every wrong key', () => {
    const config = new ConfigReader({
      portico: { metrics: { enabled: 'maybe' }, signIn: { provider: 'saml' } },
    });
    let message = '';
    try {
      validateConfig(config, schemaSync);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('/portico/metrics/enabled');
    expect(message).toContain('/portico/signIn/provider');
    expect(message).toContain('the backend will not start');
  });
});

describe('withoutRequiredKeys', () => {
  it('removes required lists at every depth and keeps the rest', () => {
    expect(
      withoutRequiredKeys({
        type: 'object',
        required: ['notifications'],
        properties: { notifications: { type: 'object', required: ['processors'], properties: { required: { type: 'boolean' } } } },
      }),
    ).toEqual({
      type: 'object',
      properties: { notifications: { type: 'object', properties: { required: { type: 'boolean' } } } },
    });
  });
});
