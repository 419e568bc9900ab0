import { randomUUID } from 'crypto';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  type CreatePromotionRequest,
  type PromotionRequestDetails,
  createPromotionSchema,
  describeZodError,
  promotionsRequestCreatePermission,
} from '@portico/plugin-promotions-common';
import type { PromotionSettings } from '../../config';
import type { PromotionRecord } from '../../database/PromotionStore';
import type { Caller } from '../access';
import type { PromotionTransactions } from '../PromotionTransactions';
import { eventData } from '../views';
import type { ComponentTenancy } from './ComponentTenancy';
import type { PromotionReader } from './PromotionReader';
import { promotionRoute } from './promotionRoute';

/**
 * New requests: whatever the path (REST, the scaffolder action), the body is parsed again, the
 * route follows the chain of environments, and only DevOps or approvers of the component's
 * tenant may ask.
 */
export class RequestCreationService {
  constructor(
    private readonly options: {
      transactions: PromotionTransactions;
      reader: PromotionReader;
      tenancy: ComponentTenancy;
      settings: PromotionSettings;
      now: () => number;
    },
  ) {}

  async create(
    caller: Caller,
    body: CreatePromotionRequest,
  ): Promise<PromotionRequestDetails> {
    caller.require(promotionsRequestCreatePermission);
    // The scaffolder action and other callers may skip the router's parsing: parse again here.
    const parsed = createPromotionSchema.safeParse(body);
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    const input = parsed.data;
    const { settings } = this.options;
    const { fromEnvironment, toEnvironment } = promotionRoute(
      settings.environments,
      input.fromEnvironment,
      input.toEnvironment,
    );
    const { entity, tenant } = await this.options.tenancy.resolve(
      caller,
      input.componentRef,
    );
    if (!caller.mayRequestFor(tenant)) {
      throw new NotAllowedError(
        `Only DevOps or approvers of tenant '${tenant}' can request promotions of ${stringifyEntityRef(
          entity,
        )}`,
      );
    }
    const now = this.options.now();
    const target = settings.targets.get(toEnvironment)!;
    const record: PromotionRecord = {
      id: randomUUID(),
      componentRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      componentTitle: entity.metadata.title,
      tenant,
      version: input.version,
      gitRef: input.gitRef,
      fromEnvironment,
      toEnvironment,
      justification: input.justification,
      rollbackPlan: input.rollbackPlan,
      changeWindow: input.changeWindow
        ? {
            start: Date.parse(input.changeWindow.start),
            end: Date.parse(input.changeWindow.end),
          }
        : undefined,
      state: 'PENDING',
      requestedBy: caller.userRef,
      requiredApprovals: target.requiredApprovals,
      revision: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.options.transactions.run(async change => {
      await change.tx.requests.insert(record);
      await change.tx.requests.addTransition(record.id, {
        action: 'create',
        from: null,
        to: 'PENDING',
        actor: caller.userRef,
        at: now,
      });
      await change.publish({
        topic: 'promotion-requests',
        type: 'request-created',
        actor: caller.userRef,
        subject: record.id,
        tenant,
        data: eventData(record, {
          requiredApprovals: record.requiredApprovals,
          justification: record.justification,
        }),
      });
      change.audit({
        requestId: record.id,
        action: 'create',
        from: null,
        to: 'PENDING',
        actor: caller.userRef,
      });
    });
    return this.options.reader.details(caller, record);
  }
}
