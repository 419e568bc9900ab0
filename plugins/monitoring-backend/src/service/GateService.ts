import type { MonitoringDatabase } from '../database/MonitoringStore';
import type { MetricsService } from './MetricsService';

export interface GateVerdict {
  status: 'passed' | 'failed';
  summary: string;
  criticalFiring: number;
  errorBudgetRemaining?: number;
}

/**
 * "No critical alert firing for this component and error budget not exhausted": the evidence
 * the promotions gate shows (and, when blocking, enforces). An unreadable budget does not pass
 * silently: it is named in the summary.
 */
export class GateService {
  constructor(private readonly options: { db: MonitoringDatabase; metrics: MetricsService }) {}

  async evaluate(entityRef: string): Promise<GateVerdict> {
    const ref = entityRef.toLowerCase();
    const counts = await this.options.db.alerts.openCountsByComponent([ref]);
    const criticalFiring = counts
      .filter(c => c.severity === 'critical' && c.state === 'firing')
      .reduce((sum, c) => sum + c.count, 0);
    const problems: string[] = [];
    if (criticalFiring > 0) problems.push(`${criticalFiring} critical alert(s) firing`);
    let errorBudgetRemaining: number | undefined;
    if (await this.options.db.components.get(ref)) {
      const slo = await this.options.metrics.slo(ref);
      errorBudgetRemaining = slo.errorBudgetRemaining;
      if (errorBudgetRemaining !== undefined && errorBudgetRemaining <= 0) problems.push('error budget exhausted');
      if (slo.availabilityTarget !== undefined && slo.error) problems.push(`error budget unknown (${slo.error})`);
    }
    return problems.length
      ? { status: 'failed', summary: problems.join('; '), criticalFiring, errorBudgetRemaining }
      : { status: 'passed', summary: 'No critical alert firing; error budget not exhausted', criticalFiring, errorBudgetRemaining };
  }
}
