import { NotAllowedError } from '@backstage/errors';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexSecurityDatabase } from '../database/KnexSecurityDatabase';
import { finding } from '../__testUtils__/findingRecord';
import { Caller } from './access';
import { BulkTriageService } from './BulkTriageService';

const databases = createPorticoTestDatabases();
const PAYMENTS = 'group:default/payments-team';
const COMMERCE = 'group:default/commerce-team';

/**
 * Today whoever sees a finding may triage it (triage permission or owning team), so no policy
 * reaches the bulk triage refusal through the router. A caller who reads more than they may
 * triage (say, a later read-all permission) must still be refused, and this caller is that.
 */
class ReadsAllCaller extends Caller {
  sees(): boolean {
    return true;
  }
}

describe.each(databases.eachSupportedId())(
  'BulkTriageService on %p',
  databaseId => {
    it('refuses a triage of a finding the caller sees but may not triage; nothing is written', async () => {
      const db = await KnexSecurityDatabase.create({
        knex: await databases.init(databaseId),
      });
      const own = finding({ ownerRef: PAYMENTS });
      const theirs = finding({ ownerRef: COMMERCE });
      await db.findings.insertMany([own, theirs]);
      const publish = jest.fn(async () => []);
      const failed: unknown[] = [];
      const auditor: AuditorService = {
        createEvent: async () => ({
          success: async () => {},
          fail: async ({ error }) => {
            failed.push(error);
          },
        }),
      };
      const service = new BulkTriageService({
        db,
        events: { publish },
        auditor,
        clock: { now: () => 5000 },
      });
      const alice = new ReadsAllCaller(
        'user:default/alice',
        [PAYMENTS],
        new Set(['security.finding.read']),
      );

      const refused = service.apply(alice, {
        ids: [own.id, theirs.id],
        action: 'acknowledge',
      });
      await expect(refused).rejects.toThrow(NotAllowedError);
      await expect(refused).rejects.toThrow(
        `ids.1: only ${COMMERCE} and the security group triage finding ${theirs.id}`,
      );
      expect(failed).toHaveLength(2);
      expect(publish).not.toHaveBeenCalled();
      expect(await db.findings.get(own.id)).toMatchObject({
        state: 'open',
        revision: 0,
      });
      expect(await db.findings.timeline(own.id)).toEqual([]);

      // Her own finding alone moves: the refusal was about the other team's.
      const moved = await service.apply(alice, {
        ids: [own.id],
        action: 'acknowledge',
      });
      expect(moved.items.map(f => [f.id, f.state])).toEqual([
        [own.id, 'acknowledged'],
      ]);
    });
  },
);
