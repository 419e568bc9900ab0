import type { Knex } from 'knex';
import {
  KnexApprovalStore,
  migratePluginDatabase,
  PluginDatabase,
  type ApprovalStore,
} from '@portico/portico-node';
import type {
  ComponentStore,
  FindingStore,
  ReportStore,
  RiskRequestStore,
  RuntimeEventStore,
  ScanStore,
  SecurityDatabase,
  SecurityStores,
} from './SecurityStore';
import { KnexComponentStore } from './KnexComponentStore';
import { KnexFindingStore } from './KnexFindingStore';
import { KnexReportStore } from './KnexReportStore';
import { KnexRiskRequestStore } from './KnexRiskRequestStore';
import { KnexRuntimeEventStore } from './KnexRuntimeEventStore';
import { KnexScanStore } from './KnexScanStore';
import {
  KnexVulnerabilityTicketStore,
  type VulnerabilityTicketStore,
} from './KnexVulnerabilityTicketStore';
import { RISK_APPROVALS, type Db } from './tables';

export {
  COMPONENTS,
  COMPONENT_IMAGES,
  SCANS,
  FINDINGS,
  OCCURRENCES,
  FINDING_EVENTS,
  RISK_REQUESTS,
  FALCO_EVENTS,
  RISK_APPROVALS,
} from './tables';
export { severityRank } from './findingRow';

export const SECURITY_PACKAGE = '@portico/plugin-security-backend';

export function storesOn(db: Db): SecurityStores {
  return {
    findings: new KnexFindingStore(db),
    scans: new KnexScanStore(db),
    components: new KnexComponentStore(db),
    risks: new KnexRiskRequestStore(db),
    riskApprovals: new KnexApprovalStore(db, {
      table: RISK_APPROVALS,
      subjectColumn: 'risk_request_id',
    }),
    runtime: new KnexRuntimeEventStore(db),
    reports: new KnexReportStore(db),
    tickets: new KnexVulnerabilityTicketStore(db),
  };
}

export class KnexSecurityDatabase
  extends PluginDatabase<SecurityStores>
  implements SecurityDatabase
{
  declare readonly findings: FindingStore;
  declare readonly scans: ScanStore;
  declare readonly components: ComponentStore;
  declare readonly risks: RiskRequestStore;
  declare readonly riskApprovals: ApprovalStore;
  declare readonly runtime: RuntimeEventStore;
  declare readonly reports: ReportStore;
  declare readonly tickets: VulnerabilityTicketStore;

  static async create(options: {
    knex: Knex;
    skipMigrations?: boolean;
  }): Promise<KnexSecurityDatabase> {
    await migratePluginDatabase(options.knex, {
      packageName: SECURITY_PACKAGE,
      skipMigrations: options.skipMigrations,
    });
    return new KnexSecurityDatabase(options.knex);
  }

  constructor(knex: Knex) {
    super(knex, storesOn);
  }
}
