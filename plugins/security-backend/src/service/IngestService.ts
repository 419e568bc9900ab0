import { createHash, randomUUID } from 'crypto';
import {
  isDatabaseConflictError,
  type AuditorService,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  emptyCounts,
  SEVERITIES,
  type IngestSummary,
  type Severity,
} from '@portico/plugin-security-common';
import type {
  FindingEventRecord,
  FindingRecord,
  SecurityDatabase,
  SecurityStores,
} from '../database/SecurityStore';
import type { SecuritySettings } from '../config';
import type { Clock } from './clock';
import { findingEvent, SECURITY_TOPIC, type EventSink } from './events';
import type { NormalizedReport } from './normalize';
import { dueAt } from './sla';

/** The hash that makes a replay idempotent: the payload as received (parsed JSON, re-serialised). */
export function payloadHash(
  scanner: string,
  body: unknown,
  extra = '',
): string {
  return createHash('sha256')
    .update(`${scanner}\n${extra}\n${JSON.stringify(body)}`)
    .digest('hex');
}

/**
 * Turns a report into findings, in one transaction: new fingerprints open findings, known ones
 * are seen again (a fixed one reopens), and the artifact's findings of the kinds scanned that the
 * report no longer lists are fixed. The same payload twice returns the first summary and
 * changes nothing.
 */
export class IngestService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      events: EventSink;
      auditor: AuditorService;
      logger: LoggerService;
      settings: SecuritySettings;
      clock: Clock;
    },
  ) {}

  async ingest(
    actor: string,
    report: NormalizedReport,
    hash: string,
  ): Promise<IngestSummary> {
    if (report.findings.length > this.options.settings.ingest.maxFindings) {
      throw new InputError(
        `Results: the report lists ${report.findings.length} findings, more than security.ingest.maxFindings (${this.options.settings.ingest.maxFindings})`,
      );
    }
    const audit = await this.options.auditor.createEvent({
      eventId: 'report-ingest',
      severityLevel: 'medium',
      meta: {
        actor,
        scanner: report.scanner,
        artifact: report.artifact,
        payloadHash: hash,
      },
    });
    try {
      const summary = await this.ingestWithRetry(actor, report, hash);
      await audit.success({
        meta: { scanId: summary.scanId, duplicate: summary.duplicate },
      });
      return summary;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * Two reports at once can both open the same fingerprint, or be the same payload: the loser
   * of the unique index runs again and then sees the winner's rows.
   */
  private async ingestWithRetry(
    actor: string,
    report: NormalizedReport,
    hash: string,
  ): Promise<IngestSummary> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.db.transaction(tx =>
          this.ingestIn(tx, actor, report, hash),
        );
      } catch (error) {
        if (attempt >= 3 || !isDatabaseConflictError(error)) throw error;
      }
    }
  }

  private async ingestIn(
    tx: SecurityStores & { trx: import('knex').Knex.Transaction },
    actor: string,
    report: NormalizedReport,
    hash: string,
  ): Promise<IngestSummary> {
    const replay = await tx.scans.byPayloadHash(hash);
    if (replay) {
      return {
        ...(JSON.parse(replay.summary) as IngestSummary),
        duplicate: true,
      };
    }
    const { settings } = this.options;
    const now = this.options.clock.now();
    const scanId = randomUUID();
    const component = await tx.components.byRepository(report.repository);
    // The component's own clocks (tier, lifecycle, annotation), else the config's.
    const clocks = component?.slaDays ?? settings.slaDays;
    // One read of the artifact's findings serves both the dedupe and "no longer reported".
    const ofArtifact = await tx.findings.ofArtifact(
      report.artifact,
      report.scanner,
    );
    const known = new Map(ofArtifact.map(f => [f.fingerprint, f]));
    const reported = new Set(report.findings.map(f => f.fingerprint));

    const opened: FindingRecord[] = [];
    const seen: FindingRecord[] = [];
    const regressed: FindingRecord[] = [];
    for (const f of report.findings) {
      const existing = known.get(f.fingerprint);
      if (existing) {
        (existing.state === 'fixed' ? regressed : seen).push(existing);
        continue;
      }
      opened.push({
        ...f,
        id: randomUUID(),
        scanner: report.scanner,
        artifact: report.artifact,
        repository: report.repository,
        digest: report.digest,
        componentRef: component?.entityRef,
        ownerRef: component?.ownerRef,
        state: 'open',
        revision: 0,
        occurrences: 1,
        firstScanId: scanId,
        lastScanId: scanId,
        firstSeenAt: now,
        lastSeenAt: now,
        dueAt: dueAt(clocks, f.severity, now),
        updatedAt: now,
      });
    }
    const gone = ofArtifact.filter(
      f =>
        f.state !== 'fixed' &&
        report.kindsScanned.includes(f.kind) &&
        !reported.has(f.fingerprint),
    );

    const summary: IngestSummary = {
      scanId,
      duplicate: false,
      artifact: report.artifact,
      ...(component ? { componentRef: component.entityRef } : {}),
      opened: countBySeverity(opened),
      seenAgain: countBySeverity(seen),
      reopened: countBySeverity(regressed),
      fixed: countBySeverity(gone),
    };

    await tx.scans.insert({
      id: scanId,
      scanner: report.scanner,
      artifact: report.artifact,
      repository: report.repository,
      digest: report.digest,
      imageId: report.imageId,
      payloadHash: hash,
      actor,
      summary: JSON.stringify(summary),
      createdAt: now,
    });
    await tx.findings.insertMany(opened);
    await tx.findings.markSeen(
      seen.map(f => f.id),
      { at: now, scanId, digest: report.digest },
    );

    const timeline: FindingEventRecord[] = [];
    const changed: Array<{
      type: 'finding-fixed' | 'finding-reopened';
      record: FindingRecord;
    }> = [];
    for (const f of regressed) {
      const due = dueAt(clocks, f.severity, now);
      if (
        await tx.findings.update(f.id, f.revision, {
          state: 'open',
          fixedAt: undefined,
          dueAt: due,
          lastSeenAt: now,
          lastScanId: scanId,
          digest: report.digest,
          at: now,
        })
      ) {
        timeline.push({
          findingId: f.id,
          action: 'regress',
          from: 'fixed',
          to: 'open',
          actor,
          comment: `Reported again by scan ${scanId}`,
          at: now,
        });
        changed.push({
          type: 'finding-reopened',
          record: { ...f, state: 'open', dueAt: due, fixedAt: undefined },
        });
      }
    }
    // One statement per few hundred: a rescan may fix thousands at once.
    const fixed = await tx.findings.fixMany(gone, now);
    for (const f of gone.filter(g => fixed.has(g.id))) {
      timeline.push({
        findingId: f.id,
        action: 'fix',
        from: f.state,
        to: 'fixed',
        actor,
        comment: `Not reported by scan ${scanId}`,
        at: now,
      });
      changed.push({
        type: 'finding-fixed',
        record: { ...f, state: 'fixed', fixedAt: now },
      });
    }
    await tx.findings.addEvents(timeline);
    // A new finding's first scan is its first_scan_id: occurrences are the scans after it.
    await tx.scans.addOccurrences(
      scanId,
      [...seen, ...regressed].map(f => f.id),
      now,
    );

    const minRank = SEVERITIES.indexOf(settings.eventsMinSeverity);
    const notable = (r: FindingRecord) =>
      SEVERITIES.indexOf(r.severity) <= minRank;
    await this.options.events.publish(
      tx.trx,
      {
        topic: SECURITY_TOPIC,
        type: 'report-ingested',
        actor,
        subject: component?.entityRef ?? report.repository,
        data: { ...summary },
      },
      ...opened
        .filter(notable)
        .map(r => findingEvent('finding-opened', actor, r, now)),
      ...changed
        .filter(c => notable(c.record))
        .map(c => findingEvent(c.type, actor, c.record, now)),
    );
    this.options.logger.info(
      `Security report ${scanId} for ${report.artifact}: ${opened.length} opened, ${seen.length} seen again, ${regressed.length} reopened, ${gone.length} fixed`,
    );
    return summary;
  }
}

function countBySeverity(findings: Array<{ severity: Severity }>) {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}
