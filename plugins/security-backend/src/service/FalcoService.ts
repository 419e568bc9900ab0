import { randomUUID } from 'crypto';
import type { AuditorService } from '@backstage/backend-plugin-api';
import type {
  FalcoEvent,
  FalcoIngestResult,
  FalcoPriority,
  Severity,
} from '@portico/plugin-security-common';
import type {
  FindingRecord,
  SecurityDatabase,
} from '../database/SecurityStore';
import type { SecuritySettings } from '../config';
import type { Clock } from './clock';
import { findingEvent, type EventSink } from './events';
import { parseImageRef } from './imageRef';
import { fingerprintOf } from './normalize';
import { dueAt } from './sla';

const PRIORITY_SEVERITY: Record<FalcoPriority, Severity> = {
  Emergency: 'critical',
  Alert: 'critical',
  Critical: 'critical',
  Error: 'high',
  Warning: 'medium',
  Notice: 'low',
  Informational: 'low',
  Debug: 'unknown',
};

export function severityOfPriority(priority: FalcoPriority): Severity {
  return PRIORITY_SEVERITY[priority];
}

/** The image (with its tag) when known, else the namespace, else the host. */
function artifactOf(
  repository?: string,
  tag?: string,
  namespace?: string,
  hostname?: string,
): string {
  if (repository) return tag ? `${repository}:${tag}` : repository;
  if (namespace) return `k8s:${namespace}`;
  return `host:${hostname ?? 'unknown'}`;
}

function field(event: FalcoEvent, name: string): string | undefined {
  const value = event.output_fields?.[name];
  return value === null || value === undefined || value === ''
    ? undefined
    : String(value);
}

/**
 * Falco events: each uuid once; grouped into one runtime finding per rule and workload (image
 * repository, else Kubernetes namespace, else host), never one per pod or event. An event on an
 * image marks its open scan findings "seen at runtime".
 */
export class FalcoService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      events: EventSink;
      auditor: AuditorService;
      settings: SecuritySettings;
      clock: Clock;
    },
  ) {}

  async ingest(actor: string, event: FalcoEvent): Promise<FalcoIngestResult> {
    const { db, settings, clock } = this.options;
    const severity = severityOfPriority(event.priority);
    const imageRepository = field(event, 'container.image.repository');
    const repository = imageRepository
      ? parseImageRef(imageRepository).repository
      : undefined;
    const tag = field(event, 'container.image.tag');
    const namespace = field(event, 'k8s.ns.name')?.toLowerCase();
    const hostname = event.hostname ?? field(event, 'hostname');
    const artifact = artifactOf(repository, tag, namespace, hostname);
    const fingerprint = fingerprintOf([
      'falco',
      event.rule,
      repository,
      namespace,
      repository || namespace ? '' : hostname,
    ]);
    const now = clock.now();
    const incident = settings.falco.incidentPriorities.includes(event.priority);

    const audit = await this.options.auditor.createEvent({
      eventId: 'falco-event',
      severityLevel: severity === 'critical' ? 'high' : 'low',
      meta: {
        actor,
        uuid: event.uuid,
        rule: event.rule,
        priority: event.priority,
      },
    });
    try {
      const result = await db.transaction(async tx => {
        const component =
          (repository
            ? await tx.components.byRepository(repository)
            : undefined) ??
          (namespace ? await tx.components.byNamespace(namespace) : undefined);
        const existing = (await tx.findings.byFingerprints([fingerprint])).get(
          fingerprint,
        );
        const findingId = existing?.id ?? randomUUID();
        const fresh = await tx.runtime.insertIfNew({
          uuid: event.uuid.toLowerCase(),
          rule: event.rule,
          priority: event.priority,
          severity,
          output: event.output,
          eventTime: Date.parse(event.time),
          hostname,
          containerId: field(event, 'container.id'),
          imageRepository: repository,
          namespace,
          componentRef: component?.entityRef,
          findingId,
          fields: event.output_fields
            ? JSON.stringify(event.output_fields)
            : undefined,
          receivedAt: now,
        });
        if (!fresh)
          return {
            duplicate: true,
            findingId,
            severity,
            componentRef: component?.entityRef,
          };

        let finding: FindingRecord;
        if (existing) {
          await tx.findings.markSeen([existing.id], {
            at: now,
            scanId: existing.lastScanId ?? '',
          });
          finding = existing;
        } else {
          finding = {
            id: findingId,
            fingerprint,
            scanner: 'falco',
            kind: 'runtime',
            ruleId: event.rule,
            title: event.rule,
            description: event.output,
            severity,
            target:
              field(event, 'k8s.pod.name') ??
              field(event, 'container.name') ??
              field(event, 'container.id'),
            artifact,
            repository: repository ?? artifact,
            componentRef: component?.entityRef,
            ownerRef: component?.ownerRef,
            state: 'open',
            revision: 0,
            occurrences: 1,
            firstSeenAt: now,
            lastSeenAt: now,
            dueAt: dueAt(component?.slaDays ?? settings.slaDays, severity, now),
            updatedAt: now,
          };
          await tx.findings.insertMany([finding]);
        }
        if (repository) await tx.findings.markRuntimeSeen(repository, now);
        await this.options.events.publish(
          tx.trx,
          findingEvent('runtime-alert', actor, finding, now, {
            uuid: event.uuid,
            priority: event.priority,
            rule: event.rule,
            output: event.output,
            incident,
            ...(hostname ? { hostname } : {}),
            ...(field(event, 'container.id')
              ? { containerId: field(event, 'container.id') }
              : {}),
            ...(namespace ? { namespace } : {}),
          }),
        );
        return {
          duplicate: false,
          findingId,
          severity,
          componentRef: component?.entityRef,
        };
      });
      await audit.success({
        meta: { duplicate: result.duplicate, findingId: result.findingId },
      });
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }
}
