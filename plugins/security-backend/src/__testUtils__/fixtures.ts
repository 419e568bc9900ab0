/** Real-shaped scanner payloads (trimmed from real Trivy 0.5x output, Falcosidekick's webhook). */

export const PAYMENTS_IMAGE = 'ghcr.io/acme/payments-gateway';
export const PAYMENTS_DIGEST =
  'sha256:4b1f3c0e2a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b';

function vuln(
  id: string,
  pkg: string,
  installed: string,
  fixed: string | undefined,
  severity: string,
  score?: number,
) {
  return {
    VulnerabilityID: id,
    PkgID: `${pkg}@${installed}`,
    PkgName: pkg,
    InstalledVersion: installed,
    ...(fixed ? { FixedVersion: fixed } : {}),
    Status: fixed ? 'fixed' : 'affected',
    Layer: {
      Digest: 'sha256:c6a83fedfae6ed8a4f5f7cbb6a7b6f1c',
      DiffID: 'sha256:d4fc045c9e3a',
    },
    SeveritySource: 'nvd',
    PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    DataSource: {
      ID: 'alpine',
      Name: 'Alpine Secdb',
      URL: 'https://secdb.alpinelinux.org/',
    },
    Title: `${pkg}: vulnerability ${id}`,
    Description: `A flaw was found in ${pkg}.`,
    Severity: severity,
    CweIDs: ['CWE-476'],
    ...(score
      ? {
          CVSS: {
            nvd: {
              V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
              V3Score: score,
            },
          },
        }
      : {}),
    PublishedDate: '2024-01-26T09:15:07.837Z',
    LastModifiedDate: '2024-02-08T10:15:13.7Z',
  };
}

/** `trivy image --format json ghcr.io/acme/payments-gateway:<tag>` on Alpine. */
export function alpineReport(
  tag = '1.4.2',
  options: { without?: string[]; extra?: any[] } = {},
) {
  const vulnerabilities = [
    vuln('CVE-2024-0727', 'libcrypto3', '3.1.4-r2', '3.1.4-r5', 'MEDIUM', 5.5),
    vuln('CVE-2024-2511', 'libssl3', '3.1.4-r2', '3.1.4-r6', 'HIGH', 7.5),
    vuln(
      'CVE-2023-5363',
      'libcrypto3',
      '3.1.4-r2',
      '3.1.4-r1',
      'CRITICAL',
      9.8,
    ),
    vuln('CVE-2023-42363', 'busybox', '1.36.1-r15', '1.36.1-r16', 'LOW', 3.3),
    ...(options.extra ?? []),
  ].filter(v => !(options.without ?? []).includes(v.VulnerabilityID));
  return {
    SchemaVersion: 2,
    CreatedAt: '2026-12-05T10:00:00.000000000Z',
    ArtifactName: `${PAYMENTS_IMAGE}:${tag}`,
    ArtifactType: 'container_image',
    Metadata: {
      OS: { Family: 'alpine', Name: '3.19.1' },
      ImageID:
        'sha256:05455a08881ea9cf0e752bc48e61bbd71a34c029bb13df01e40e3e70e0d007bd',
      DiffIDs: [
        'sha256:d4fc045c9e3a848011de66f34b81f052d4f2c15a17bb196d637e526349601820',
      ],
      RepoTags: [`${PAYMENTS_IMAGE}:${tag}`],
      RepoDigests: [`${PAYMENTS_IMAGE}@${PAYMENTS_DIGEST}`],
      ImageConfig: { architecture: 'amd64', os: 'linux' },
    },
    Results: [
      {
        Target: `${PAYMENTS_IMAGE}:${tag} (alpine 3.19.1)`,
        Class: 'os-pkgs',
        Type: 'alpine',
        Vulnerabilities: vulnerabilities,
      },
      {
        Target: 'app/package-lock.json',
        Class: 'lang-pkgs',
        Type: 'npm',
        Vulnerabilities: [
          {
            ...vuln(
              'GHSA-grv7-fg5c-xmjg',
              'braces',
              '3.0.2',
              '3.0.3',
              'HIGH',
              7.5,
            ),
            DataSource: {
              ID: 'ghsa',
              Name: 'GitHub Security Advisory npm',
              URL: 'https://github.com/advisories',
            },
          },
        ],
      },
    ],
  };
}

/** A Debian image with no fix available for one finding. */
export function debianReport() {
  return {
    SchemaVersion: 2,
    ArtifactName: 'docker.io/library/ledger-service:2.0.1',
    ArtifactType: 'container_image',
    Metadata: { OS: { Family: 'debian', Name: '12.5' }, RepoDigests: [] },
    Results: [
      {
        Target: 'ledger-service:2.0.1 (debian 12.5)',
        Class: 'os-pkgs',
        Type: 'debian',
        Vulnerabilities: [
          vuln(
            'CVE-2023-45853',
            'zlib1g',
            '1:1.2.13.dfsg-1',
            undefined,
            'CRITICAL',
            9.8,
          ),
          vuln(
            'CVE-2024-26461',
            'libkrb5-3',
            '1.20.1-2+deb12u1',
            undefined,
            'MEDIUM',
            5.5,
          ),
        ],
      },
    ],
  };
}

/** `trivy config` of a repository: misconfigurations (PASS ones are not findings) and a secret. */
export function configReport() {
  return {
    SchemaVersion: 2,
    ArtifactName: 'payments-gateway',
    ArtifactType: 'repository',
    Results: [
      {
        Target: 'Dockerfile',
        Class: 'config',
        Type: 'dockerfile',
        MisconfSummary: { Successes: 20, Failures: 1 },
        Misconfigurations: [
          {
            Type: 'Dockerfile Security Check',
            ID: 'DS002',
            AVDID: 'AVD-DS-0002',
            Title: 'Image user should not be root',
            Description:
              'Running containers with root user can lead to a container escape situation.',
            Message:
              'Specify at least 1 USER command in Dockerfile with non-root user as argument',
            Resolution: 'Add USER instruction to the Dockerfile',
            Severity: 'HIGH',
            PrimaryURL: 'https://avd.aquasec.com/misconfig/ds002',
            Status: 'FAIL',
          },
          {
            Type: 'Dockerfile Security Check',
            ID: 'DS001',
            Title: "':latest' tag used",
            Severity: 'MEDIUM',
            Status: 'PASS',
          },
        ],
      },
      {
        Target: 'config/settings.env',
        Class: 'secret',
        Secrets: [
          {
            RuleID: 'aws-access-key-id',
            Category: 'AWS',
            Severity: 'CRITICAL',
            Title: 'AWS Access Key ID',
            StartLine: 3,
            EndLine: 3,
            Match: 'AWS_ACCESS_KEY_ID=********************',
          },
        ],
      },
    ],
  };
}

export function sarifLog() {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'semgrep',
            rules: [
              {
                id: 'javascript.express.security.audit.xss',
                shortDescription: {
                  text: 'Possible XSS in an express response',
                },
                helpUri:
                  'https://semgrep.dev/r/javascript.express.security.audit.xss',
                defaultConfiguration: { level: 'warning' },
                properties: { 'security-severity': '7.2', tags: ['security'] },
              },
            ],
          },
        },
        results: [
          {
            ruleId: 'javascript.express.security.audit.xss',
            level: 'warning',
            message: { text: 'User input flows into res.send' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/routes/refund.ts' },
                  region: { startLine: 42 },
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

let falcoCounter = 0;
/** A Falcosidekick webhook payload; a fresh uuid per call. */
export function falcoEvent(
  priority: string,
  overrides: Record<string, unknown> = {},
) {
  falcoCounter++;
  return {
    uuid: `6c2e1a7e-3f1d-4b8e-9a7c-${String(falcoCounter).padStart(12, '0')}`,
    output: `10:15:01.123456789: ${priority} A shell was spawned in a container with an attached terminal (user=root container_id=4f1c2a9b3d7e image=${PAYMENTS_IMAGE} shell=sh)`,
    priority,
    rule: 'Terminal shell in container',
    time: '2026-12-05T10:15:01.123456789Z',
    source: 'syscall',
    hostname: 'worker-2',
    tags: ['container', 'mitre_execution', 'shell'],
    output_fields: {
      'container.id': '4f1c2a9b3d7e',
      'container.image.repository': PAYMENTS_IMAGE,
      'container.image.tag': '1.4.2',
      'container.name': 'payments-gateway',
      'evt.time': 1733393701123456789,
      'k8s.ns.name': 'payments',
      'k8s.pod.name': 'payments-gateway-7d9f8c6b5-x2k4q',
      'proc.cmdline': 'sh -i',
      'user.name': 'root',
    },
    ...overrides,
  };
}
