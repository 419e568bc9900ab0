import {
  PLATFORM_APPROVER_GROUP,
  tenantApproverGroup,
} from '@portico/plugin-promotions-common';
import type { ApprovalSubject, ApproverSet } from '@portico/portico-node';
import type { PromotionRecord } from '../../database/PromotionStore';

/** How the approval rule names a promotion in its messages and audit records. */
export const PROMOTION_KIND = 'promotion request';

/** The request as the approval rule sees it, and who decides it: CPI of the tenant or CPI admin. */
export function promotionApproval(record: PromotionRecord): {
  subject: ApprovalSubject;
  approvers: ApproverSet;
} {
  return {
    subject: {
      kind: PROMOTION_KIND,
      id: record.id,
      requestedBy: record.requestedBy,
      state: record.state,
      requiredApprovals: record.requiredApprovals,
    },
    approvers: {
      groups: [PLATFORM_APPROVER_GROUP, tenantApproverGroup(record.tenant)],
      describe: `members of cpi-tenant-${record.tenant} or cpi-admin`,
      refusals: {
        requester: action =>
          `You requested this promotion, so you cannot ${action} it: another approver of tenant '${record.tenant}' must decide`,
        outsider: action =>
          `Only members of cpi-tenant-${record.tenant} or cpi-admin can ${action} promotions of tenant '${record.tenant}'`,
      },
    },
  };
}
