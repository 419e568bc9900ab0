import type { Config } from '@backstage/config';
import { SEVERITIES, type Severity } from '@portico/plugin-security-common';
import type { SlaDays, SlaPolicies } from './service/slaPolicy';

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
  /** Other clocks by the component's catalog tier and lifecycle. */
  slaPolicies: SlaPolicies;
  notifications: {
    /** A runtime finding is notified again only after this long. */
    repeatIntervalMs: number;
    /** Who hears about findings no component claims. */
    fallbackTeam: string;
  };
  weeklyReport: { enabled: boolean };
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

function slaDaysAt(config: Config | undefined, key: string): SlaDays {
  const days: SlaDays = {};
  for (const name of config?.getOptionalConfig(key)?.keys() ?? []) {
    days[severity(name, `${key}.${name}`)] = bounded(
      config,
      `${key}.${name}`,
      0,
      1,
      3650,
    );
  }
  return days;
}

function slaPoliciesOf(config: Config | undefined): SlaPolicies {
  const read = (kind: 'tier' | 'lifecycle') => {
    const section = config?.getOptionalConfig(`slaPolicies.${kind}`);
    return Object.fromEntries(
      (section?.keys() ?? []).map(name => [
        name.toLowerCase(),
        slaDaysAt(config, `slaPolicies.${kind}.${name}`),
      ]),
    );
  };
  return { byTier: read('tier'), byLifecycle: read('lifecycle') };
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
    slaPolicies: slaPoliciesOf(config),
    notifications: {
      repeatIntervalMs:
        bounded(
          config,
          'notifications.repeatIntervalMinutes',
          60,
          1,
          7 * 24 * 60,
        ) * 60_000,
      fallbackTeam:
        config?.getOptionalString('notifications.fallbackTeam') ??
        'group:default/security',
    },
    weeklyReport: {
      enabled: config?.getOptionalBoolean('weeklyReport.enabled') ?? true,
    },
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
    syncIntervalSeconds: bounded(
      config,
      'sync.intervalSeconds',
      300,
      5,
      24 * 3600,
    ),
    expiryIntervalMinutes: bounded(
      config,
      'expiry.intervalMinutes',
      15,
      1,
      24 * 60,
    ),
  };
}
