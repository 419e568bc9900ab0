import type { ResourceView, TimelineEntry } from '@portico/plugin-lifecycle-common';
import type { ResourceRecord, TimelineRecord } from '../database/LifecycleStore';
import { teardownExclusion } from './guardrails';

const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function toView(r: ResourceRecord, now: number): ResourceView {
  return {
    entityRef: r.entityRef,
    title: r.title,
    type: r.type,
    owner: r.owner,
    project: r.project,
    costCenter: r.costCenter,
    environment: r.environment,
    dataClass: r.dataClass,
    autoTeardown: r.autoTeardown,
    createdAt: iso(r.createdAt),
    expiresAt: iso(r.expiresAt),
    msLeft: r.expiresAt === undefined ? undefined : r.expiresAt - now,
    state: r.state,
    excludedBecause: teardownExclusion(r),
    notices: { '48h': iso(r.notice48hAt), '24h': iso(r.notice24hAt) },
    violations: r.violations,
    extensions: r.extensions,
    teardown:
      r.teardownStartedAt !== undefined || r.teardownMessage
        ? {
            taskId: r.teardownTaskId,
            startedAt: iso(r.teardownStartedAt),
            finishedAt: iso(r.teardownFinishedAt),
            message: r.teardownMessage,
          }
        : undefined,
  };
}

export function toTimelineEntry(t: TimelineRecord): TimelineEntry {
  return { kind: t.kind, actor: t.actor, message: t.message, at: new Date(t.at).toISOString() };
}
