import type { Severity } from '@portico/plugin-security-common';
import type { SecurityDatabase } from '../database/SecurityStore';
import type { SecuritySettings } from '../config';
import type { Clock } from './clock';
import { parseImageRef } from './imageRef';

export interface GateVerdict {
  status: 'pass' | 'fail';
  summary: string;
  findings: Array<{
    id: string;
    ruleId: string;
    severity: Severity;
    artifact: string;
    dueAt?: string;
  }>;
}

const LISTED = 20;

/**
 * The promotion gate: the exact artifact being promoted (the version is a tag of the component's
 * images, or a digest) and its active findings of the gate's severities, past their SLA by
 * default. Other versions of the component do not count.
 */
export class GateService {
  constructor(
    private readonly options: {
      db: SecurityDatabase;
      settings: SecuritySettings;
      clock: Clock;
    },
  ) {}

  async evaluate(componentRef: string, version: string): Promise<GateVerdict> {
    const { db, settings, clock } = this.options;
    const component = await db.components.get(
      componentRef.toLocaleLowerCase('en-US'),
    );
    const trimmed = version.trim().toLowerCase();
    const digests: string[] = [];
    const artifacts: string[] = [];
    if (/^sha256:[0-9a-f]{64}$/.test(trimmed)) {
      digests.push(trimmed);
    } else if (trimmed.includes('/') || trimmed.includes('@')) {
      const ref = parseImageRef(trimmed);
      if (ref.digest) digests.push(ref.digest);
      if (ref.tag) artifacts.push(`${ref.repository}:${ref.tag}`);
    } else {
      artifacts.push(
        ...(component?.images ?? []).map(image => `${image}:${trimmed}`),
      );
    }
    if (!digests.length && !artifacts.length) {
      return {
        status: 'pass',
        summary: `${componentRef} names no container image (${'portico.io/container-image'}): nothing to check`,
        findings: [],
      };
    }
    const found = await db.findings.activeOnArtifacts(
      {
        artifacts,
        digests,
        severities: settings.gate.severities,
        dueBefore: settings.gate.pastSlaOnly ? clock.now() : undefined,
      },
      LISTED + 1,
    );
    const what = `${settings.gate.severities.join('/')} finding(s)${
      settings.gate.pastSlaOnly ? ' past their SLA' : ''
    }`;
    const scope = [...artifacts, ...digests].join(', ');
    if (!found.length) {
      return {
        status: 'pass',
        summary: `No open ${what} on ${scope}`,
        findings: [],
      };
    }
    const listed = found.slice(0, LISTED);
    const ids = [...new Set(listed.map(f => f.ruleId))];
    return {
      status: 'fail',
      summary: `${
        found.length > LISTED ? `More than ${LISTED}` : found.length
      } open ${what} on ${scope}: ${ids.join(', ')}`,
      findings: listed.map(f => ({
        id: f.id,
        ruleId: f.ruleId,
        severity: f.severity,
        artifact: f.artifact,
        dueAt:
          f.dueAt === undefined ? undefined : new Date(f.dueAt).toISOString(),
      })),
    };
  }
}
