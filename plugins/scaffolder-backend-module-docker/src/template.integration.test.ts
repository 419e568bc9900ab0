import { readFileSync } from 'fs';
import { resolve } from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import Docker from 'dockerode';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModulePortico from '@portico/plugin-scaffolder-backend-module-portico';
import { scaffolderModule } from './module';
import {
  DockerLeftovers,
  dockerSocket,
  dockerVersion,
  ensureTestImage,
} from './__testUtils__/realDocker';

// templates/security-isolate-container as the real scaffolder runs it, with this module on a real
// Docker Engine: the preview changes nothing, a confirmed run by a security member isolates and
// reports to the security backend (msw at its HTTP boundary), anyone else is refused.
// Skipped without an engine (docker.integration.test.ts fails loudly when one is required).
const socket = dockerSocket();
const describeWithDocker = dockerVersion(socket) ? describe : describe.skip;

const TEMPLATE_FILE = resolve(
  __dirname,
  '../../../templates/security-isolate-container/template.yaml',
);
const FINDING = '6f2d0c4e-8d3b-4f0e-a7a1-3c9b5e2d1f00';

function user(name: string, group: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [group] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
  };
}

describeWithDocker('the isolation template on a real Docker Engine', () => {
  jest.setTimeout(180_000);
  const docker = new Docker({ socketPath: socket });
  const leftovers = new DockerLeftovers(docker);
  const prefix = `portico-tpl-${process.pid}-${Date.now().toString(36)}`;
  const reports: Array<{ findingId: string; body: any }> = [];
  const msw = setupServer(
    http.post(
      '*/api/security/findings/:id/isolations',
      async ({ params, request: req }) => {
        reports.push({ findingId: String(params.id), body: await req.json() });
        return HttpResponse.json(
          { findingId: params.id, ticketId: 'SD-000042' },
          { status: 201 },
        );
      },
    ),
  );
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'bypass' });
    await ensureTestImage(docker);
    const template = parseYaml(readFileSync(TEMPLATE_FILE, 'utf8')) as Entity;
    template.metadata.namespace = 'default';
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        scaffolderModulePortico,
        catalogServiceMock.factory({
          entities: [
            template,
            user('frank', 'security'),
            user('alice', 'payments-team'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: { integrations: { docker: { socketPath: socket } } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => {
    msw.close();
    await stop?.();
    await leftovers.removeAll();
  });

  const values = (containerId: string, confirm: boolean) => ({
    findingId: FINDING,
    containerId,
    severity: 'critical',
    mode: 'auto',
    snapshot: true,
    reason: 'Terminal shell in container',
    confirm,
  });

  async function run(name: string, vals: Record<string, unknown>) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(`user:default/${name}`))
      .send({
        templateRef: 'template:default/security-isolate-container',
        values: vals,
      });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${name}`),
        );
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set(
            'Authorization',
            mockCredentials.user.header(`user:default/${name}`),
          );
        const completion = events.body.find(
          (e: any) => e.type === 'completion',
        );
        return {
          status: task.body.status as string,
          body: completion?.body ?? {},
        };
      }
      if (Date.now() > deadline) throw new Error('The task did not end');
      await new Promise(r => setTimeout(r, 500));
    }
  }

  const status = async (id: string) =>
    (await docker.getContainer(id).inspect()).State.Status;

  it('a preview (confirm unchecked) shows the plan and changes nothing', async () => {
    const container = await leftovers.startContainer(`${prefix}-preview`);
    const images = (await docker.listImages()).length;
    const result = await run('alice', values(container.id, false));
    expect(result.status).toBe('completed');
    const texts = result.body.output.text.map((t: any) => t.content);
    expect(texts[0]).toMatch(
      /^Dry run: would snapshot to portico-isolation\/.*, then stop/,
    );
    expect(texts[1]).toMatch(/^Preview only: nothing was changed/);
    expect(await status(container.id)).toBe('running');
    expect((await docker.listImages()).length).toBe(images);
    expect(reports).toEqual([]);
  });

  it('the scaffolder dry run of the template changes nothing either', async () => {
    const container = await leftovers.startContainer(`${prefix}-dry`);
    const template = parseYaml(readFileSync(TEMPLATE_FILE, 'utf8'));
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header('user:default/frank'))
      .send({
        template,
        values: values(container.id, true),
        directoryContents: [],
      });
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: any) => s.id)).toEqual([
      'plan',
      'isolate',
      'record',
    ]);
    expect(await status(container.id)).toBe('running');
    expect(reports).toEqual([]);
  });

  it('confirmed by a member of security: snapshot, stop, and the result reported to the finding', async () => {
    const container = await leftovers.startContainer(`${prefix}-confirmed`);
    const result = await run('frank', values(container.id, true));
    expect(result.status).toBe('completed');
    expect(await status(container.id)).toBe('exited');
    expect(reports).toHaveLength(1);
    expect(reports[0].findingId).toBe(FINDING);
    expect(reports[0].body).toMatchObject({
      containerId: container.id,
      steps: ['commit', 'stop'],
      summary: expect.stringMatching(
        /^Isolated .*: snapshot to portico-isolation\/.*, then stop; by user:default\/frank$/,
      ),
    });
    const snapshot = reports[0].body.snapshotImage as string;
    leftovers.images.add(snapshot);
    await expect(docker.getImage(snapshot).inspect()).resolves.toBeDefined();
    expect(result.body.output.text[1].content).toBe(reports[0].body.summary);
  });

  it('confirmed by someone outside security: refused, the container untouched', async () => {
    const container = await leftovers.startContainer(`${prefix}-refused`);
    const before = reports.length;
    const result = await run('alice', values(container.id, true));
    expect(result.status).toBe('failed');
    expect(result.body.error.message).toBe(
      'Only members of group:default/security isolate containers (user:default/alice is not)',
    );
    expect(await status(container.id)).toBe('running');
    expect(reports.length).toBe(before);
  });
});
