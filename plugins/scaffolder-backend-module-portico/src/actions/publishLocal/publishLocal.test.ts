import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createPublishLocalAction } from './publishLocal';

describe('portico:publish:local', () => {
  let root: string;
  let workspacePath: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'repos-'));
    workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'workspace-'));
    await fs.writeFile(path.join(workspacePath, 'catalog-info.yaml'), 'kind: Component\n');
    await fs.mkdir(path.join(workspacePath, 'src'));
    await fs.writeFile(path.join(workspacePath, 'src', 'app.ts'), 'export {};\n');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(workspacePath, { recursive: true, force: true });
  });

  const action = () =>
    createPublishLocalAction({
      config: new ConfigReader({ portico: { localRepositories: { directory: root } } }),
    });

  it('writes the workspace as a git repository with one commit', async () => {
    const ctx = createMockActionContext({ input: { repoName: 'shipping-quotes' }, workspacePath });
    await action().handler(ctx as any);
    const repo = path.join(root, 'shipping-quotes');
    expect(await fs.readFile(path.join(repo, 'src', 'app.ts'), 'utf-8')).toBe('export {};\n');
    const log = execFileSync('git', ['log', '--format=%s', '--name-only'], { cwd: repo }).toString();
    expect(log).toContain('Initial commit from a Portico golden path');
    expect(log).toContain('catalog-info.yaml');
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', 'local:shipping-quotes');
    expect(ctx.output).toHaveBeenCalledWith('commitHash', expect.stringMatching(/^[0-9a-f]{40}$/));
  });

  it('refuses a name that exists already, and leaves it untouched', async () => {
    await fs.mkdir(path.join(root, 'taken'));
    const ctx = createMockActionContext({ input: { repoName: 'taken' }, workspacePath });
    await expect(action().handler(ctx as any)).rejects.toThrow('already exists');
    expect(await fs.readdir(path.join(root, 'taken'))).toEqual([]);
  });

  it('does not follow symbolic links out of the workspace', async () => {
    await fs.symlink('/etc/hostname', path.join(workspacePath, 'leak.txt'));
    const ctx = createMockActionContext({ input: { repoName: 'no-leak' }, workspacePath });
    await action().handler(ctx as any);
    await expect(fs.lstat(path.join(root, 'no-leak', 'leak.txt'))).rejects.toThrow();
  });

  it('refuses a source path outside the workspace', async () => {
    const ctx = createMockActionContext({ input: { repoName: 'escape', sourcePath: '../..' }, workspacePath });
    await expect(action().handler(ctx as any)).rejects.toThrow('sourcePath');
  });
});
