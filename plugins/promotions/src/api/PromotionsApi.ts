import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CreatePromotionRequest,
  Page,
  PromotionRequest,
  PromotionRequestDetails,
  PromotionSettingsView,
  PromotionState,
} from '@portico/plugin-promotions-common';

export interface ListPromotionsRequest {
  state?: PromotionState;
  /** `component:default/payments-gateway` */
  componentRef?: string;
  tenant?: string;
  /** Requests the caller made. */
  mine?: boolean;
  /** Pending requests the caller may approve. */
  awaitingMyApproval?: boolean;
  limit?: number;
  offset?: number;
}

/** The promotions backend (`/api/promotions`) as the browser sees it, with the signed-in user's token. */
export interface PromotionsApi {
  getSettings(): Promise<PromotionSettingsView>;
  listRequests(request?: ListPromotionsRequest): Promise<Page<PromotionRequest>>;
  countAwaitingMyApproval(): Promise<number>;
  getRequest(id: string): Promise<PromotionRequestDetails>;
  createRequest(request: CreatePromotionRequest): Promise<PromotionRequestDetails>;
  approve(id: string, comment?: string): Promise<PromotionRequestDetails>;
  /** A rejection always says why. */
  reject(id: string, comment: string): Promise<PromotionRequestDetails>;
  retry(id: string, comment?: string): Promise<PromotionRequestDetails>;
}

export const promotionsApiRef = createApiRef<PromotionsApi>({ id: 'plugin.promotions.api' });
