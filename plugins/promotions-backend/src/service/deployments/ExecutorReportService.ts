import type {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  DeploymentReport,
  PromotionRequestDetails,
} from '@portico/plugin-promotions-common';
import { NamedServiceCallers } from '@portico/portico-node';
import type { Request } from 'express';
import type { PromotionSettings } from '../../config';
import type { PromotionDatabase } from '../../database/PromotionStore';
import type { PromotionReader } from '../requests/PromotionReader';
import type { DeploymentProgressService } from './DeploymentProgressService';

/**
 * An external executor's report on one attempt, from a service named for the request's target
 * environment (`promotions.targets.<ENV>.executorSubjects`). Idempotent: the same report twice
 * changes nothing; a finished attempt keeps its outcome (409 naming it).
 */
export class ExecutorReportService {
  /** Who may report deployments, per target environment. */
  private readonly executors = new Map<string, NamedServiceCallers>();
  private readonly anyExecutor: NamedServiceCallers;

  constructor(
    private readonly options: {
      db: PromotionDatabase;
      reader: PromotionReader;
      progress: DeploymentProgressService;
      auditor: AuditorService;
      settings: PromotionSettings;
    },
  ) {
    const targets = [...options.settings.targets.values()];
    for (const target of targets) {
      this.executors.set(
        target.environment,
        new NamedServiceCallers({
          subjects: target.executorSubjects,
          configKey: target.executorSubjectsKey,
          auditor: options.auditor,
        }),
      );
    }
    this.anyExecutor = new NamedServiceCallers({
      subjects: [...new Set(targets.flatMap(t => t.executorSubjects))],
      configKey: targets.map(t => t.executorSubjectsKey).join("', '"),
      auditor: options.auditor,
    });
  }

  async report(
    credentials: BackstageCredentials,
    id: string,
    report: DeploymentReport,
    httpRequest?: Request,
  ): Promise<PromotionRequestDetails> {
    const { db, reader, progress } = this.options;
    const context = {
      endpoint: 'POST /api/promotions/requests/:id/deployment',
      request: httpRequest,
      meta: { requestId: id },
    };
    // A service named for no target learns nothing, not even whether the request exists.
    if (
      ![...this.executors.values()].some(callers => callers.allows(credentials))
    ) {
      await this.anyExecutor.require(credentials, context);
    }
    const record = await reader.record(id);
    const executors = this.executors.get(record.toEnvironment);
    if (!executors)
      throw new ConflictError(
        `${record.toEnvironment} is no longer a target environment in config`,
      );
    const caller = await executors.require(credentials, context);
    const attempt = await db.attempts.get(report.attemptId);
    if (!attempt || attempt.requestId !== id) {
      throw new NotFoundError(
        `No deployment attempt ${report.attemptId} on promotion request ${id}`,
      );
    }
    if (attempt.executor !== 'external') {
      throw new ConflictError(
        `Attempt ${attempt.number} is run by the built-in ${attempt.executor} executor, which reports by itself`,
      );
    }
    await progress.applyProgress(attempt, report, `service:${caller.subject}`);
    return reader.detailsOf(undefined, record.id);
  }
}
