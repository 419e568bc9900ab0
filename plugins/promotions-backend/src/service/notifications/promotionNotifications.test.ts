import type { PorticoEvent } from '@portico/plugin-portico-common';
import { promotionNotice } from './promotionNotifications';

function event(type: string, data: Record<string, unknown> = {}, actor = 'user:default/bob'): PorticoEvent {
  return {
    id: '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d',
    topic: 'promotion-requests',
    type,
    occurredAt: '2026-11-21T12:00:00.000Z',
    actor,
    tenant: 'acme',
    subject: 'req-1',
    traceId: 't',
    data: {
      requestId: 'req-1',
      componentRef: 'component:default/payments-gateway',
      version: '1.4.2',
      toEnvironment: 'PROD',
      tenant: 'acme',
      requestedBy: 'user:default/alice',
      ...data,
    },
  } as PorticoEvent;
}

describe('promotionNotice', () => {
  it('tells the approvers of the tenant about a new request, not the requester', () => {
    expect(promotionNotice(event('request-created', {}, 'user:default/alice'))).toMatchObject({
      recipients: { entities: ['group:default/cpi-tenant-acme', 'group:default/cpi-admin'] },
      excludeUsers: ['user:default/alice'],
      link: '/promotions/req-1',
    });
  });

  it('tells the requester about the decision, with the reason of a rejection', () => {
    expect(promotionNotice(event('request-approved'))).toMatchObject({ recipients: { users: ['user:default/alice'] } });
    const rejected = promotionNotice(event('request-rejected', { comment: 'Freeze' }));
    expect(rejected).toMatchObject({ recipients: { users: ['user:default/alice'] } });
    expect(rejected?.description).toContain('Freeze');
  });

  it('tells everyone about a deployment, and ops (tenant devops) about a failure, loudly', () => {
    expect(promotionNotice(event('deployment-succeeded'))?.recipients).toEqual({
      entities: ['user:default/alice', 'group:default/devops-acme', 'group:default/cpi-tenant-acme'],
    });
    expect(promotionNotice(event('deployment-failed', { comment: 'Timed out' }))).toMatchObject({
      recipients: { entities: ['user:default/alice', 'group:default/devops-acme'] },
      severity: 'high',
      description: expect.stringContaining('Timed out'),
    });
  });

  it('ignores other events', () => {
    expect(promotionNotice(event('deploy-requested'))).toBeUndefined();
  });
});
