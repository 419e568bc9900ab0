import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { servicedeskRequestWorkPermission } from '@portico/plugin-servicedesk-common';
import type { RequestRecord } from '../../database/ServicedeskStore';
import { Caller } from '../AccessService';
import { requireAgent, requireReader, rolesOf } from './ticketAccess';

const AGENTS = 'group:default/servicedesk-agents';

const ticket = {
  number: 1,
  ticketId: 'SD-000001',
  team: AGENTS,
  requesterRef: 'user:default/alice',
  createdBy: 'external:forms',
} as RequestRecord;

function user(ref: string, groups: string[] = [], granted: string[] = []) {
  return new Caller({
    credentials: mockCredentials.user(ref),
    ref,
    kind: 'user',
    groups,
    granted: new Set(granted),
  });
}

describe('ticket access', () => {
  it('makes agents of the ticket team agents, and the requester (or the service that filed it) requester', () => {
    const agent = user(
      'user:default/heidi',
      [AGENTS],
      [servicedeskRequestWorkPermission.name],
    );
    const memberWithoutWork = user('user:default/ivan', [AGENTS]);
    const filer = new Caller({
      credentials: mockCredentials.service('external:forms'),
      ref: 'external:forms',
      kind: 'service',
      groups: [],
      granted: new Set(),
    });
    expect(rolesOf(agent, ticket)).toEqual(['agent']);
    expect(rolesOf(user('user:default/alice'), ticket)).toEqual(['requester']);
    expect(rolesOf(filer, ticket)).toEqual(['requester']);
    expect(rolesOf(memberWithoutWork, ticket)).toEqual([]);

    expect(() => requireAgent(agent, ticket)).not.toThrow();
    expect(() => requireAgent(user('user:default/alice'), ticket)).toThrow(
      'Only agents of group:default/servicedesk-agents and portal admins work SD-000001',
    );
    expect(() => requireReader(filer, ticket)).not.toThrow();
    expect(() => requireReader(memberWithoutWork, ticket)).toThrow(
      NotAllowedError,
    );
  });
});
