import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalRepositoryEntityProvider } from './LocalRepositoryEntityProvider';

const COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shipping-quotes
spec: { type: service, owner: payments-team, lifecycle: experimental }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: shipping-quotes-api
spec: { type: openapi, owner: payments-team, lifecycle: experimental, definition: 'openapi: 3.0.0' }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: admins
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: elsewhere
spec: { targets: [/etc/passwd] }
`;

describe('LocalRepositoryEntityProvider', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'repos-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const provider = () =>
    new LocalRepositoryEntityProvider({ root, logger: mockServices.logger.mock(), taskRunner: { run: jest.fn() } });

  it('reads Component, API, Resource and System entities only, with their location', async () => {
    await fs.mkdir(path.join(root, 'shipping-quotes'));
    await fs.writeFile(path.join(root, 'shipping-quotes', 'catalog-info.yaml'), COMPONENT);
    const entities = await provider().read();
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual(['Component:shipping-quotes', 'API:shipping-quotes-api']);
    const file = path.join(root, 'shipping-quotes', 'catalog-info.yaml');
    expect(entities[0].metadata.annotations).toEqual({
      'backstage.io/managed-by-location': `file:${file}`,
      'backstage.io/managed-by-origin-location': `file:${file}`,
    });
  });

  it('skips symbolic links and folders that are not repository names', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'));
    await fs.writeFile(path.join(outside, 'catalog-info.yaml'), COMPONENT);
    await fs.mkdir(path.join(root, 'linked'));
    await fs.symlink(path.join(outside, 'catalog-info.yaml'), path.join(root, 'linked', 'catalog-info.yaml'));
    await fs.symlink(outside, path.join(root, 'linked-dir'));
    await fs.mkdir(path.join(root, '.hidden'));
    await fs.writeFile(path.join(root, '.hidden', 'catalog-info.yaml'), COMPONENT);
    expect(await provider().read()).toEqual([]);
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('reads nothing when the folder does not exist yet, and applies a full mutation', async () => {
    await fs.rm(root, { recursive: true });
    const p = provider();
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await p.connect(connection);
    expect(await p.refresh()).toBe(0);
    expect(connection.applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });
  });

  it('skips entities outside the default namespace or with an invalid name', async () => {
    await fs.mkdir(path.join(root, 'repo'));
    await fs.writeFile(
      path.join(root, 'repo', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: s, namespace: other }\n---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: "bad name" }\n',
    );
    expect(await provider().read()).toEqual([]);
  });
});
