import { rbacTestServices } from './rbacTestServices';

describe('rbacTestServices', () => {
  const { allowed } = rbacTestServices({
    groupsByUser: {
      'user:default/alice': ['devops-acme'],
      'user:default/judy': ['portal-admins'],
      'user:default/mallory': ['devops-acme'],
    },
    signedIn: ['x.read'],
    roles: { 'devops-acme': ['x.create'] },
  });

  it('grants the signed-in permissions and the roles of the user groups', () => {
    expect(allowed('user:default/alice', 'x.read')).toBe(true);
    expect(allowed('user:default/alice', 'x.create')).toBe(true);
    expect(allowed('user:default/alice', 'x.delete')).toBe(false);
  });

  it('gives portal admins everything, and unknown users and mallory nothing', () => {
    expect(allowed('user:default/judy', 'x.delete')).toBe(true);
    expect(allowed('user:default/nobody', 'x.read')).toBe(false);
    expect(allowed('user:default/mallory', 'x.read')).toBe(false);
  });
});
