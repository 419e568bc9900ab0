import { ConfigReader } from '@backstage/config';
import { DEFAULT_PORTICO_AREAS, readRbacRules } from './rbacConfig';

const read = (rbac: unknown) => () => readRbacRules(new ConfigReader({ portico: { rbac } } as any));

describe('readRbacRules', () => {
  it('defaults to deny-all for Portico areas when nothing is configured', () => {
    const rules = readRbacRules(new ConfigReader({}));
    expect(rules.roles).toEqual([]);
    expect(rules.porticoAreas).toEqual(DEFAULT_PORTICO_AREAS);
  });

  it('normalises short group names to full refs', () => {
    const rules = readRbacRules(
      new ConfigReader({ portico: { rbac: { roles: [{ group: 'SRE', allow: ['monitoring.*'] }] } } }),
    );
    expect(rules.roles[0].group).toBe('group:default/sre');
  });

  it('names the key of a malformed permission pattern', () => {
    expect(read({ roles: [{ group: 'sre', allow: ['monitoring.alert.ack', 'bad pattern!'] }] })).toThrow(
      "Invalid permission pattern 'bad pattern!' at config key 'portico.rbac.roles[0].allow[1]'",
    );
  });

  it('refuses a role that is not a group', () => {
    expect(read({ roles: [{ group: 'user:default/alice', allow: ['*'] }] })).toThrow(
      "at config key 'portico.rbac.roles[0].group': roles are catalog groups",
    );
  });

  it('names the key when a role has no group', () => {
    expect(read({ roles: [{ allow: ['*'] }] })).toThrow(/roles\[0\]\.group|group/);
  });

  it('refuses a malformed area name', () => {
    expect(read({ areas: ['Promotions!'] })).toThrow("config key 'portico.rbac.areas[0]'");
  });
});
