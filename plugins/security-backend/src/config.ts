import type { Config } from '@backstage/config';
import { SEVERITIES, type Severity } from '@portico/plugin-security-common';

export interface SecuritySettings {
  ingest: {
    /** Service subjects (`plugin:ci`, `external:gitlab-ci`...) allowed to post reports. */
    allowedSubjects: string[];
    maxBodyBytes: number;
    maxFindings: number;
  };
  falco: {
    /** The endpoint is off when unset. */
    token?: string;
    allowedSubjects: string[];
    /** Priorities that open an incident ticket. */
    incidentPriorities: string[];
  };
  /** Days to fix, per severity; a severity without one has no clock. */
  slaDays: Partial<Record<Severity, number>>;
  /** Per-finding events from this severity up; every report gets its summary event. */
  eventsMinSeverity: Severity;
  gate: { severities: Severity[]; pastSlaOnly: boolean };
  syncIntervalSeconds: number;
  expiryIntervalMinutes: number;
}

const DEFAULT_SLA: Partial<Record<Severity, number>> = {
  critical: 7,
  high: 30,
  medium: 90,
};

function bounded(
  config: Config | undefined,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value >= min && value <= max)) {
    throw new Error(
      `Invalid value ${value} at config key 'security.${key}': expected a number in [${min}, ${max}]`,
    );
  }
  return value;
}

function severity(value: string, key: string): Severity {
  const lower = value.toLowerCase() as Severity;
  if (!SEVERITIES.includes(lower)) {
    throw new Error(
      `Invalid value '${value}' at config key 'security.${key}': expected one of ${SEVERITIES.join(
        ', ',
      )}`,
    );
  }
  return lower;
}

/** `security`: all optional; a wrong value stops the start-up with the key named. */
export function readSecuritySettings(root: Config): SecuritySettings {
  const config = root.getOptionalConfig('security');
  const token = config?.getOptionalString('falco.token');
  if (token !== undefined && token.trim().length < 16) {
    throw new Error(
      `Invalid value at config key 'security.falco.token': at least 16 characters, or leave it unset to turn the endpoint off`,
    );
  }
  const slaConfig = config?.getOptionalConfig('sla');
  const slaDays: Partial<Record<Severity, number>> = { ...DEFAULT_SLA };
  for (const key of slaConfig?.keys() ?? []) {
    slaDays[severity(key, `sla.${key}`)] = bounded(
      config,
      `sla.${key}`,
      0,
      1,
      3650,
    );
  }
  return {
    ingest: {
      allowedSubjects:
        config?.getOptionalStringArray('ingest.allowedSubjects') ?? [],
      maxBodyBytes: bounded(
        config,
        'ingest.maxBodyBytes',
        20 * 1024 * 1024,
        1024,
        512 * 1024 * 1024,
      ),
      maxFindings: bounded(config, 'ingest.maxFindings', 50_000, 1, 1_000_000),
    },
    falco: {
      token: token?.trim(),
      allowedSubjects:
        config?.getOptionalStringArray('falco.allowedSubjects') ?? [],
      incidentPriorities: config?.getOptionalStringArray(
        'falco.incidentPriorities',
      ) ?? ['Emergency', 'Alert', 'Critical'],
    },
    slaDays,
    eventsMinSeverity: severity(
      config?.getOptionalString('events.minSeverity') ?? 'high',
      'events.minSeverity',
    ),
    gate: {
      severities: (
        config?.getOptionalStringArray('gate.severities') ?? ['critical']
      ).map(s => severity(s, 'gate.severities')),
      pastSlaOnly: config?.getOptionalBoolean('gate.pastSlaOnly') ?? true,
    },
    syncIntervalSeconds: bounded(config, 'sync.intervalSeconds', 300, 5, 24 * 3600),
    expiryIntervalMinutes: bounded(
      config,
      'expiry.intervalMinutes',
      15,
      1,
      24 * 60,
    ),
  };
}
