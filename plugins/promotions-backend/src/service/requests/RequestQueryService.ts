import {
  type ListPromotionsQuery,
  type Page,
  type PromotionRequest,
  type PromotionRequestDetails,
  type PromotionSettingsView,
  promotionsRequestApprovePermission,
  promotionsRequestReadPermission,
} from '@portico/plugin-promotions-common';
import type { PromotionSettings } from '../../config';
import type { PromotionDatabase } from '../../database/PromotionStore';
import type { Caller } from '../access';
import { normalizeComponentRef } from '../refs';
import { toRequestView } from '../views';
import type { PromotionReader } from './PromotionReader';

/** What anyone who may read promotions sees: one request, the lists, the badge count, the settings. */
export class RequestQueryService {
  constructor(
    private readonly options: {
      db: PromotionDatabase;
      reader: PromotionReader;
      settings: PromotionSettings;
    },
  ) {}

  settingsView(): PromotionSettingsView {
    const { environments, targets } = this.options.settings;
    return {
      environments,
      targets: [...targets.values()].map(t => ({
        environment: t.environment,
        requiredApprovals: t.requiredApprovals,
        executor: t.executor,
      })),
    };
  }

  async get(caller: Caller, id: string): Promise<PromotionRequestDetails> {
    caller.require(promotionsRequestReadPermission);
    return this.options.reader.detailsOf(caller, id);
  }

  async list(
    caller: Caller,
    query: ListPromotionsQuery,
  ): Promise<Page<PromotionRequest>> {
    caller.require(promotionsRequestReadPermission);
    const filter = {
      state: query.state,
      componentRef: query.componentRef
        ? normalizeComponentRef(query.componentRef)
        : undefined,
      tenant: query.tenant,
      requestedBy: query.mine === 'true' ? caller.userRef : undefined,
      awaitingApprovalBy:
        query.awaitingMyApproval === 'true'
          ? this.awaitingFilter(caller)
          : undefined,
    };
    if (filter.awaitingApprovalBy === null) {
      return {
        items: [],
        totalCount: 0,
        limit: query.limit,
        offset: query.offset,
      };
    }
    const { db, settings } = this.options;
    const { items, totalCount } = await db.requests.list({
      ...filter,
      awaitingApprovalBy: filter.awaitingApprovalBy,
      limit: query.limit,
      offset: query.offset,
    });
    const approvals = await db.requests.approvals(items.map(i => i.id));
    return {
      items: items.map(item =>
        toRequestView(
          item,
          approvals.get(item.id) ?? [],
          settings.retryWindowMs,
        ),
      ),
      totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** How many requests wait for the caller's approval (the sidebar/home badge). */
  async countAwaitingApproval(caller: Caller): Promise<number> {
    caller.require(promotionsRequestReadPermission);
    const awaiting = this.awaitingFilter(caller);
    if (awaiting === null) return 0;
    return this.options.db.requests.count({ awaitingApprovalBy: awaiting });
  }

  /** Null when the caller approves nothing. */
  private awaitingFilter(caller: Caller) {
    if (!caller.has(promotionsRequestApprovePermission)) return null;
    const tenants = caller.approverTenants();
    if (tenants && tenants.length === 0) return null;
    return { user: caller.userRef, tenants };
  }
}
