import { toPorticoEvent } from '@portico/portico-node';
import { subscriptionNotice } from './subscriptionNotifications';

const data = {
  subscriptionId: 'sub-1',
  applicationId: 'app-1',
  applicationName: 'storefront',
  applicationOwner: 'group:default/devops-acme',
  apiRef: 'api:default/payments-api',
  apiOwner: 'group:default/payments-team',
  plan: 'gold',
  environment: 'production',
  requestedBy: 'user:default/alice',
};

const event = (type: string, extra: Record<string, unknown> = {}, actor = 'user:default/bob') =>
  toPorticoEvent({
    topic: type === 'subscription-deleted' ? 'subscription-deleted' : 'subscription-created',
    type,
    actor,
    subject: 'sub-1',
    data: { ...data, ...extra },
  });

describe('subscriptionNotice', () => {
  it('tells the API owner group about a pending request, not the requester', () => {
    expect(subscriptionNotice(event('subscription-created', { state: 'pending' }, 'user:default/alice'))).toEqual(
      expect.objectContaining({
        recipients: { entities: ['group:default/payments-team'] },
        excludeUsers: ['user:default/alice'],
        link: '/applications',
      }),
    );
  });

  it('says nothing about an auto plan that is active at once', () => {
    expect(subscriptionNotice(event('subscription-created', { state: 'active' }))).toBeUndefined();
  });

  it('tells the requester about a decision, with the comment', () => {
    expect(subscriptionNotice(event('subscription-rejected', { comment: 'No contract' }))).toEqual(
      expect.objectContaining({
        recipients: { users: ['user:default/alice'] },
        title: 'Subscription rejected: storefront → api:default/payments-api (gold, production)',
        description: 'user:default/bob: No contract',
        severity: 'high',
        link: '/applications/app-1',
      }),
    );
    expect(subscriptionNotice(event('subscription-approved'))?.severity).toBe('medium');
  });

  it('tells the application owners about a suspension, a resumption or a revocation', () => {
    for (const [type, word] of [
      ['subscription-suspended', 'suspended'],
      ['subscription-resumed', 'resumed'],
      ['subscription-deleted', 'revoked'],
    ]) {
      expect(subscriptionNotice(event(type))).toEqual(
        expect.objectContaining({
          recipients: { entities: ['group:default/devops-acme'] },
          title: expect.stringMatching(new RegExp(`^Subscription ${word}:`)),
          excludeUsers: ['user:default/bob'],
        }),
      );
    }
  });

  it('stays quiet when the application owners deleted the application themselves', () => {
    expect(subscriptionNotice(event('subscription-deleted', { cause: 'application-deleted' }))).toBeUndefined();
  });
});
