import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ApprovalRule } from '@portico/portico-node';
import type { PromotionSettings } from '../config';
import type { PromotionDatabase } from '../database/PromotionStore';
import { DecisionService } from './decisions/DecisionService';
import { DeploymentProgressService } from './deployments/DeploymentProgressService';
import { DeploymentStarter } from './deployments/DeploymentStarter';
import { ExecutorReportService } from './deployments/ExecutorReportService';
import { RetryService } from './deployments/RetryService';
import type { EventPublisher } from './events';
import type { EvidenceService } from './gates/EvidenceService';
import { PromotionTransactions } from './PromotionTransactions';
import { ComponentTenancy } from './requests/ComponentTenancy';
import { PromotionReader } from './requests/PromotionReader';
import { RequestCreationService } from './requests/RequestCreationService';
import { RequestQueryService } from './requests/RequestQueryService';
import { ChangeWindowService } from './windows/ChangeWindowService';

/**
 * The promotion services, one job each. Every rule is enforced in them, whatever the path that
 * calls (REST, the scaffolder action, a retry, an executor's report, the follower): the tenant
 * roles, "never your own request", the number of distinct approvers, the state machine, and
 * exactly one winner among concurrent changes (each change applies only to the revision it read).
 */
export interface PromotionServices {
  requests: RequestCreationService;
  queries: RequestQueryService;
  decisions: DecisionService;
  retries: RetryService;
  reports: ExecutorReportService;
  progress: DeploymentProgressService;
  windows: ChangeWindowService;
}

export function createPromotionServices(options: {
  db: PromotionDatabase;
  events: EventPublisher;
  catalog: CatalogService;
  evidence: EvidenceService;
  auditor: AuditorService;
  logger: LoggerService;
  settings: PromotionSettings;
  clock?: () => number;
}): PromotionServices {
  const { db, events, catalog, evidence, auditor, logger, settings } = options;
  const now = () => (options.clock ?? Date.now)();
  const approvalRule = new ApprovalRule({ auditor });
  const transactions = new PromotionTransactions({ db, events, auditor });
  const reader = new PromotionReader({
    db,
    evidence,
    settings,
    approvalRule,
    now,
  });
  const deployments = new DeploymentStarter({ settings });
  const progress = new DeploymentProgressService({ db, transactions, now });
  return {
    requests: new RequestCreationService({
      transactions,
      reader,
      tenancy: new ComponentTenancy({ catalog }),
      settings,
      now,
    }),
    queries: new RequestQueryService({ db, reader, settings }),
    decisions: new DecisionService({
      reader,
      transactions,
      deployments,
      approvalRule,
      evidence,
      settings,
      now,
    }),
    retries: new RetryService({
      reader,
      transactions,
      deployments,
      auditor,
      settings,
      now,
    }),
    reports: new ExecutorReportService({
      db,
      reader,
      progress,
      auditor,
      settings,
    }),
    progress,
    windows: new ChangeWindowService({
      db,
      transactions,
      deployments,
      logger,
      now,
    }),
  };
}
