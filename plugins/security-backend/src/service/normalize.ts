import { createHash } from 'crypto';
import type {
  FindingKind,
  SarifLog,
  Scanner,
  Severity,
  TrivyReport,
} from '@portico/plugin-security-common';
import { imageArtifact, parseImageRef } from './imageRef';

/** One finding as a scanner reported it, before it meets the database. */
export interface ReportedFinding {
  fingerprint: string;
  kind: FindingKind;
  ruleId: string;
  title: string;
  description?: string;
  severity: Severity;
  cvssScore?: number;
  pkgName?: string;
  installedVersion?: string;
  fixedVersion?: string;
  target?: string;
  primaryUrl?: string;
}

/** A report in the shape the ingest service takes, whatever the scanner. */
export interface NormalizedReport {
  scanner: Scanner;
  artifact: string;
  repository: string;
  digest?: string;
  imageId?: string;
  /**
   * The kinds this report looked for: a finding of another kind on the same artifact is not
   * closed by its absence (an image scan without `--scanners misconfig` fixes no misconfiguration).
   */
  kindsScanned: FindingKind[];
  findings: ReportedFinding[];
}

export function fingerprintOf(
  parts: Array<string | number | undefined | null>,
): string {
  return createHash('sha256')
    .update(JSON.stringify(parts.map(p => p ?? '')))
    .digest('hex');
}

const lower = (s: string) => s.toLowerCase() as Severity;

function cvssScore(
  cvss:
    | Record<string, { V3Score?: number; V2Score?: number }>
    | null
    | undefined,
): number | undefined {
  if (!cvss) return undefined;
  // NVD first, then the distribution's own rating, then any.
  const sources = [cvss.nvd, cvss.ghsa, cvss.redhat, ...Object.values(cvss)];
  for (const source of sources) {
    if (source?.V3Score !== undefined) return source.V3Score;
  }
  return undefined;
}

/** The result classes Trivy writes per scanner. */
const CLASS_KINDS: Record<string, FindingKind> = {
  'os-pkgs': 'vulnerability',
  'lang-pkgs': 'vulnerability',
  config: 'misconfiguration',
  secret: 'secret',
};

export function normalizeTrivy(report: TrivyReport): NormalizedReport {
  const isImage =
    (report.ArtifactType ?? 'container_image') === 'container_image';
  const image = isImage
    ? parseImageRef(report.ArtifactName)
    : { repository: report.ArtifactName.trim().toLowerCase() };
  // One spelling per image (`alpine:3.19` and `docker.io/library/alpine:3.19` are one artifact).
  const artifact = isImage ? imageArtifact(image) : report.ArtifactName.trim();
  const repoDigest = report.Metadata?.RepoDigests?.[0];
  const digest =
    image.digest ??
    (repoDigest?.includes('@')
      ? repoDigest.split('@')[1].toLowerCase()
      : undefined);
  const kinds = new Set<FindingKind>();
  const findings = new Map<string, ReportedFinding>();
  const add = (finding: ReportedFinding) => {
    // The same package in several targets (two lockfiles) is one finding of the artifact.
    if (!findings.has(finding.fingerprint))
      findings.set(finding.fingerprint, finding);
  };

  for (const result of report.Results ?? []) {
    const classKind = result.Class ? CLASS_KINDS[result.Class] : undefined;
    if (classKind) kinds.add(classKind);
    for (const v of result.Vulnerabilities ?? []) {
      kinds.add('vulnerability');
      add({
        fingerprint: fingerprintOf([
          'trivy',
          'vulnerability',
          v.VulnerabilityID,
          v.PkgName,
          v.InstalledVersion,
          artifact,
        ]),
        kind: 'vulnerability',
        ruleId: v.VulnerabilityID,
        title: v.Title || `${v.VulnerabilityID} in ${v.PkgName}`,
        description: v.Description ?? undefined,
        severity: lower(v.Severity),
        cvssScore: cvssScore(v.CVSS),
        pkgName: v.PkgName,
        installedVersion: v.InstalledVersion ?? undefined,
        fixedVersion: v.FixedVersion || undefined,
        target: result.Target,
        primaryUrl: v.PrimaryURL ?? undefined,
      });
    }
    for (const m of result.Misconfigurations ?? []) {
      kinds.add('misconfiguration');
      if (m.Status && m.Status !== 'FAIL') continue;
      add({
        fingerprint: fingerprintOf([
          'trivy',
          'misconfiguration',
          m.ID,
          result.Target,
          artifact,
        ]),
        kind: 'misconfiguration',
        ruleId: m.ID,
        title: m.Title || m.ID,
        description:
          [m.Message, m.Resolution].filter(Boolean).join('\n\n') ||
          m.Description ||
          undefined,
        severity: lower(m.Severity),
        target: result.Target,
        primaryUrl: m.PrimaryURL ?? undefined,
      });
    }
    for (const s of result.Secrets ?? []) {
      kinds.add('secret');
      add({
        fingerprint: fingerprintOf([
          'trivy',
          'secret',
          s.RuleID,
          result.Target,
          s.StartLine,
          artifact,
        ]),
        kind: 'secret',
        ruleId: s.RuleID,
        title: s.Title || s.RuleID,
        description: s.Category ? `Category: ${s.Category}` : undefined,
        severity: lower(s.Severity),
        target: s.StartLine ? `${result.Target}:${s.StartLine}` : result.Target,
      });
    }
  }
  return {
    scanner: 'trivy',
    artifact,
    repository: image.repository,
    digest,
    imageId: report.Metadata?.ImageID ?? undefined,
    kindsScanned: [...kinds].sort(),
    findings: [...findings.values()],
  };
}

/** GitHub's `security-severity` property when present, else the SARIF level. */
function sarifSeverity(
  level: string | null | undefined,
  securitySeverity: string | number | null | undefined,
): Severity {
  const score =
    securitySeverity === undefined || securitySeverity === null
      ? NaN
      : Number(securitySeverity);
  if (!Number.isNaN(score)) {
    if (score >= 9) return 'critical';
    if (score >= 7) return 'high';
    if (score >= 4) return 'medium';
    return score > 0 ? 'low' : 'unknown';
  }
  switch (level) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return 'unknown';
  }
}

export function normalizeSarif(
  log: SarifLog,
  artifactName: string,
): NormalizedReport {
  const findings = new Map<string, ReportedFinding>();
  const image = parseImageRef(artifactName);
  const artifact = imageArtifact(image);
  for (const run of log.runs) {
    const tool = run.tool.driver.name;
    const rules = run.tool.driver.rules ?? [];
    const byId = new Map(rules.map(rule => [rule.id, rule]));
    for (const result of run.results ?? []) {
      const rule =
        (result.ruleId ? byId.get(result.ruleId) : undefined) ??
        (result.ruleIndex !== undefined && result.ruleIndex !== null
          ? rules[result.ruleIndex]
          : undefined);
      const ruleId = result.ruleId ?? rule?.id ?? 'unknown-rule';
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? undefined;
      const line = location?.region?.startLine ?? undefined;
      const fingerprint = fingerprintOf([
        'sarif',
        tool,
        ruleId,
        uri,
        line,
        artifact,
      ]);
      if (findings.has(fingerprint)) continue;
      findings.set(fingerprint, {
        fingerprint,
        kind: 'code',
        ruleId,
        title: rule?.shortDescription?.text || result.message.text || ruleId,
        description:
          rule?.fullDescription?.text || result.message.text || undefined,
        severity: sarifSeverity(
          result.level ?? rule?.defaultConfiguration?.level,
          rule?.properties?.['security-severity'],
        ),
        target: uri && line ? `${uri}:${line}` : uri,
        primaryUrl: rule?.helpUri ?? undefined,
        pkgName: tool,
      });
    }
  }
  return {
    scanner: 'sarif',
    artifact,
    repository: image.repository,
    digest: image.digest,
    kindsScanned: ['code'],
    findings: [...findings.values()],
  };
}
