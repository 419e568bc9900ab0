import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { runStep, sleep } from '@portico/portico-node';
import { dryRun, graphFor, isNotFound, M365ActionOptions, UPN_PATTERN } from './shared';

export const CREATE_SITE_ACTION_ID = 'm365:sharepoint:create-site';
export const CREATE_LIBRARY_ACTION_ID = 'm365:sharepoint:create-library';

function nickname(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  if (!cleaned) throw new InputError('siteName: needs at least one letter or digit');
  return cleaned.slice(0, 60);
}

/**
 * A SharePoint team site, the way Graph v1.0 makes one: a Microsoft 365 group (POST /groups, groupTypes Unified)
 * with its owners, whose site SharePoint provisions; the action waits for GET /groups/{id}/sites/root.
 */
export function createSharePointSiteAction(options: M365ActionOptions & { pollMs?: number }) {
  return createTemplateAction({
    id: CREATE_SITE_ACTION_ID,
    description: 'Creates a SharePoint team site (a Microsoft 365 group and its site) with its owners, through Microsoft Graph.',
    supportsDryRun: true,
    examples: [
      {
        description: 'A private site for the finance team',
        example: [
          'steps:',
          '  - id: site',
          '    action: m365:sharepoint:create-site',
          '    input:',
          '      siteName: Finance close',
          '      owners: [carol@contoso.example]',
          '      visibility: Private',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        siteName: z => z.string().min(1).max(120),
        description: z => z.string().max(1000).optional(),
        owners: z => z.array(z.string().regex(UPN_PATTERN)).min(1).describe('User principal names'),
        visibility: z => z.enum(['Private', 'Public']).default('Private'),
      },
      output: {
        groupId: z => z.string(),
        siteId: z => z.string(),
        webUrl: z => z.string(),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { siteName, owners } = ctx.input;
      const visibility = ctx.input.visibility ?? 'Private';
      const mailNickname = nickname(siteName);
      if (ctx.isDryRun) {
        dryRun(ctx, options, [
          ...owners.map(o => `GET /v1.0/users/${o}`),
          `POST /v1.0/groups (Unified, ${visibility}, mailNickname ${mailNickname}) with ${owners.length} owner(s)`,
          'GET /v1.0/groups/{id}/sites/root until SharePoint has provisioned it',
        ]);
        ctx.output('groupId', 'dry-run');
        ctx.output('siteId', 'dry-run');
        ctx.output('webUrl', 'dry-run');
        ctx.output('summary', `Dry run: site ${siteName} would be created`);
        return;
      }
      const { graph, settings } = graphFor(options);
      const group = await runStep(ctx, `m365.sharepoint.create-site.${mailNickname}.group`, async () => {
        const ownerIds: string[] = [];
        for (const owner of owners) ownerIds.push((await graph.getUser(owner, ctx.signal)).id);
        const refs = ownerIds.map(id => graph.ref('users', id));
        const created = await graph.post<{ id: string }>(
          '/groups',
          {
            displayName: siteName,
            ...(ctx.input.description ? { description: ctx.input.description } : {}),
            mailNickname,
            groupTypes: ['Unified'],
            mailEnabled: true,
            securityEnabled: false,
            visibility,
            'owners@odata.bind': refs,
            'members@odata.bind': refs,
          },
          ctx.signal,
        );
        return { id: created.id };
      });
      const deadline = Date.now() + settings.siteProvisioningTimeoutMs;
      let site: { id: string; webUrl: string } | undefined;
      while (!site) {
        try {
          site = await graph.get<{ id: string; webUrl: string }>(`/groups/${group.id}/sites/root?$select=id,webUrl`, ctx.signal);
        } catch (error) {
          if (!isNotFound(error) || Date.now() > deadline) {
            throw new Error(
              `The group ${group.id} was created but its site was not ready within ${settings.siteProvisioningTimeoutMs / 1000} s (${(error as Error).message}); retry the task to wait again`,
            );
          }
          await sleep(options.pollMs ?? 5000, ctx.signal);
        }
      }
      const summary = `SharePoint site ${siteName} created: ${site.webUrl}`;
      ctx.logger.info(summary);
      ctx.output('groupId', group.id);
      ctx.output('siteId', site.id);
      ctx.output('webUrl', site.webUrl);
      ctx.output('summary', summary);
    },
  });
}

/** Resolves a site given as its Graph id or its URL (https://contoso.sharepoint.com/sites/finance). */
async function resolveSite(graph: ReturnType<typeof graphFor>['graph'], site: string, signal?: AbortSignal) {
  if (/^https:\/\//.test(site)) {
    const url = new URL(site);
    const path = url.pathname.replace(/\/+$/, '');
    return graph.get<{ id: string; webUrl: string }>(
      path ? `/sites/${url.hostname}:${path}?$select=id,webUrl` : `/sites/${url.hostname}?$select=id,webUrl`,
      signal,
    );
  }
  return graph.get<{ id: string; webUrl: string }>(`/sites/${site}?$select=id,webUrl`, signal);
}

/** A document library on an existing site: POST /sites/{site-id}/lists with the documentLibrary template. */
export function createSharePointLibraryAction(options: M365ActionOptions) {
  return createTemplateAction({
    id: CREATE_LIBRARY_ACTION_ID,
    description: 'Creates a document library on a SharePoint site through Microsoft Graph.',
    supportsDryRun: true,
    examples: [
      {
        description: 'A Contracts library on the finance site',
        example: [
          'steps:',
          '  - id: library',
          '    action: m365:sharepoint:create-library',
          '    input:',
          '      site: https://contoso.sharepoint.com/sites/finance',
          '      libraryName: Contracts',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        site: z => z.string().min(1).describe('Site URL or Graph site id'),
        libraryName: z => z.string().min(1).max(120),
        description: z => z.string().max(1000).optional(),
      },
      output: {
        listId: z => z.string(),
        webUrl: z => z.string(),
        summary: z => z.string(),
      },
    },
    async handler(ctx) {
      const { site, libraryName } = ctx.input;
      if (ctx.isDryRun) {
        dryRun(ctx, options, [
          `GET /v1.0/sites/{${site}}`,
          `POST /v1.0/sites/{site-id}/lists { displayName: ${libraryName}, list: { template: documentLibrary } }`,
        ]);
        ctx.output('listId', 'dry-run');
        ctx.output('webUrl', 'dry-run');
        ctx.output('summary', `Dry run: library ${libraryName} would be created`);
        return;
      }
      const { graph } = graphFor(options);
      const created = await runStep(ctx, `m365.sharepoint.create-library.${site}.${libraryName}`, async () => {
        const resolved = await resolveSite(graph, site, ctx.signal);
        const list = await graph.post<{ id: string; webUrl: string }>(
          `/sites/${resolved.id}/lists`,
          {
            displayName: libraryName,
            ...(ctx.input.description ? { description: ctx.input.description } : {}),
            list: { template: 'documentLibrary' },
          },
          ctx.signal,
        );
        return { id: list.id, webUrl: list.webUrl };
      });
      const summary = `Document library ${libraryName} created: ${created.webUrl}`;
      ctx.logger.info(summary);
      ctx.output('listId', created.id);
      ctx.output('webUrl', created.webUrl);
      ctx.output('summary', summary);
    },
  });
}
