import type { NotificationService } from '@backstage/plugin-notifications-node';
import { toPorticoEvent } from '../outbox/publishEvent';
import { notifyAboutEvent } from './notifyAboutEvent';

const event = toPorticoEvent({
  topic: 'promotion-requests',
  type: 'request-approved',
  actor: 'user:default/bob',
  subject: 'promotion:42',
  tenant: 'acme',
  data: {},
});

function recordingNotifications() {
  const sent: Parameters<NotificationService['send']>[0][] = [];
  const service: NotificationService = {
    send: async options => {
      sent.push(options);
    },
  };
  return { service, sent };
}

describe('notifyAboutEvent', () => {
  it('notifies the owners of an entity with the seed severity mapped to Backstage', async () => {
    const { service, sent } = recordingNotifications();
    await notifyAboutEvent(service, event, {
      recipients: { ownersOf: 'component:default/payments-gateway' },
      title: 'Promotion approved',
      link: '/promotions/42',
      severity: 'medium',
      excludeUsers: ['user:default/bob'],
    });
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'component:default/payments-gateway',
          excludeEntityRef: ['user:default/bob'],
        },
        payload: expect.objectContaining({
          title: 'Promotion approved',
          link: '/promotions/42',
          severity: 'normal',
          topic: 'promotion-requests:request-approved',
          scope: 'promotion:42',
        }),
      },
    ]);
  });

  it.each([
    ['critical', 'critical'],
    ['high', 'high'],
    ['low', 'low'],
  ] as const)('maps %s to %s', async (severity, expected) => {
    const { service, sent } = recordingNotifications();
    await notifyAboutEvent(service, event, {
      recipients: { users: ['user:default/alice'] },
      title: 't',
      severity,
    });
    expect(sent[0].payload.severity).toBe(expected);
    expect(sent[0].recipients).toEqual(
      expect.objectContaining({ entityRef: ['user:default/alice'] }),
    );
  });
});
