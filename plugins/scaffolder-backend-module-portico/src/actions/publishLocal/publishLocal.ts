import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { promisify } from 'util';
import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LOCAL_REPOSITORIES_CONFIG_KEY,
  LOCAL_REPOSITORIES_DEFAULT_DIR,
  LOCAL_REPOSITORY_NAME_PATTERN,
} from '@portico/plugin-lifecycle-common';

export const PUBLISH_LOCAL_ACTION_ID = 'portico:publish:local';

const run = promisify(execFile);

/** The folder that holds the local repositories (config, or `.portico-data/repos` beside the backend). */
export function localRepositoriesRoot(config: Config): string {
  return path.resolve(
    config.getOptionalString(LOCAL_REPOSITORIES_CONFIG_KEY) ?? LOCAL_REPOSITORIES_DEFAULT_DIR,
  );
}

/**
 * Copies a folder, refusing what could make a later reader leave the repository: symbolic links
 * are skipped (the catalog reads `$text` files beside catalog-info.yaml), and so is any `.git`.
 */
async function copyTree(from: string, to: string): Promise<number> {
  await fs.mkdir(to, { recursive: true });
  let files = 0;
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    if (entry.name === '.git' || entry.isSymbolicLink()) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      files += await copyTree(source, target);
    } else if (entry.isFile()) {
      await fs.copyFile(source, target);
      files++;
    }
  }
  return files;
}

/**
 * `portico:publish:local`: the publish step of the golden paths when no Git host is configured (the
 * embedded default). It writes the workspace as a new git repository under the local repositories
 * folder; the lifecycle catalog module's provider reads its `catalog-info.yaml` from there, so the
 * whole path works on one machine.
 *
 * It runs the `git` command line rather than isomorphic-git (`initRepoAndPush` needs a remote to push
 * to, and there is none here): three commands, no new dependency.
 */
export function createPublishLocalAction(options: { config: Config }) {
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Writes the workspace as a git repository in the portal\'s local repositories folder; the catalog picks up its catalog-info.yaml.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish the generated service locally',
        example: [
          'steps:',
          '  - id: publish',
          '    action: portico:publish:local',
          '    input:',
          '      repoName: ${{ parameters.name }}',
          "      description: 'New service'",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(LOCAL_REPOSITORY_NAME_PATTERN, 'lowercase letters, digits and dashes, 2 to 63 characters')
            .describe('Name of the repository folder'),
        sourcePath: z =>
          z.string().optional().describe('Sub-folder of the workspace to publish (default: all of it)'),
        description: z => z.string().max(200).optional().describe('The first commit message'),
        defaultBranch: z => z.string().regex(/^[A-Za-z0-9._/-]+$/).optional().describe('Default: main'),
      },
      output: {
        repoName: z => z.string().describe('The repository folder name'),
        remoteUrl: z => z.string().describe('local:<name>: where the repository lives, for links'),
        commitHash: z => z.string().describe('The first commit'),
      },
    },
    async handler(ctx) {
      const { repoName, sourcePath, description, defaultBranch } = ctx.input;
      const root = localRepositoriesRoot(options.config);
      const target = path.resolve(root, repoName);
      if (path.dirname(target) !== root) {
        throw new InputError(`repoName: must name a folder directly inside the local repositories folder`);
      }
      const source = path.resolve(ctx.workspacePath, sourcePath ?? '.');
      if (source !== ctx.workspacePath && !source.startsWith(ctx.workspacePath + path.sep)) {
        throw new InputError('sourcePath: must stay inside the workspace');
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish ${repoName} as a local repository`);
        ctx.output('repoName', repoName);
        ctx.output('remoteUrl', `local:${repoName}`);
        ctx.output('commitHash', '0000000');
        return;
      }
      await fs.mkdir(root, { recursive: true });
      try {
        // mkdir without recursive fails when it exists: two runs with one name never share a folder.
        await fs.mkdir(target);
      } catch (error: any) {
        if (error?.code === 'EEXIST') {
          throw new ConflictError(`A local repository named ${repoName} already exists`);
        }
        throw error;
      }
      const files = await copyTree(source, target);
      const git = (...args: string[]) =>
        run('git', ['-c', 'user.name=Portico', '-c', 'user.email=portico@localhost', ...args], {
          cwd: target,
        });
      await git('init', '-q', '-b', defaultBranch ?? 'main');
      await git('add', '--all');
      await git('commit', '-q', '-m', description ?? 'Initial commit from a Portico golden path');
      const { stdout } = await git('rev-parse', 'HEAD');
      ctx.logger.info(`Published ${files} files to the local repository ${repoName}`);
      ctx.output('repoName', repoName);
      ctx.output('remoteUrl', `local:${repoName}`);
      ctx.output('commitHash', stdout.trim());
    },
  });
}
