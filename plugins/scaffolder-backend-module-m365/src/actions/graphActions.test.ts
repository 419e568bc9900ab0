import { http, HttpResponse } from 'msw';
import { createOffboardAction } from './offboard';
import { createGroupAddMemberAction } from './groupAddMember';
import { createTeamsChannelAction } from './teams';
import { createSharePointLibraryAction, createSharePointSiteAction } from './sharepoint';
import { createOnboardAction } from './onboard';
import { contextWithCheckpoints, GRAPH, graphConfig, odataError, setupGraphServer } from '../__testUtils__/graphServer';

const { server, requests } = setupGraphServer();
const bob = { id: 'bbbbbbbb-0000-0000-0000-000000000002', userPrincipalName: 'bob@contoso.example', displayName: 'Bob' };
const carol = { id: 'cccccccc-0000-0000-0000-000000000003', userPrincipalName: 'carol@contoso.example', displayName: 'Carol' };
const users: Record<string, object> = { 'bob@contoso.example': bob, 'carol@contoso.example': carol };
const userHandler = http.get(`${GRAPH}/v1.0/users/:upn`, ({ params }) =>
  users[params.upn as string] ? HttpResponse.json(users[params.upn as string]) : odataError(404, 'Request_ResourceNotFound', `Resource '${params.upn}' does not exist.`),
);
const calls = () => requests.map(r => `${r.method} ${r.path}`);

describe('m365:user:offboard', () => {
  const memberOfPath = `${GRAPH}/v1.0/users/${bob.id}/memberOf/microsoft.graph.group`;
  beforeEach(() => {
    server.use(
      userHandler,
      http.patch(`${GRAPH}/v1.0/users/${bob.id}`, () => new HttpResponse(null, { status: 204 })),
      http.post(`${GRAPH}/v1.0/users/${bob.id}/revokeSignInSessions`, () => HttpResponse.json({ value: true })),
      http.get(memberOfPath, ({ request }) =>
        new URL(request.url).searchParams.get('$skiptoken') === 'page2'
          ? HttpResponse.json({ value: [{ id: 'g3', displayName: 'Everyone', groupTypes: ['DynamicMembership', 'Unified'] }, { id: 'g4', displayName: 'AD Finance', groupTypes: [], onPremisesSyncEnabled: true }] })
          : HttpResponse.json({
              value: [{ id: 'g1', displayName: 'Sales', groupTypes: ['Unified'] }, { id: 'g2', displayName: 'VPN users', groupTypes: [] }],
              '@odata.nextLink': `${memberOfPath}?$select=id&$skiptoken=page2`,
            }),
      ),
      http.delete(`${GRAPH}/v1.0/groups/:group/members/:user/$ref`, ({ params }) =>
        params.group === 'g2' ? odataError(404, 'Request_ResourceNotFound', 'gone') : new HttpResponse(null, { status: 204 }),
      ),
      http.get(`${GRAPH}/v1.0/users/${bob.id}/licenseDetails`, () =>
        HttpResponse.json({ value: [{ skuId: 'sku-e3', skuPartNumber: 'ENTERPRISEPACK' }] }),
      ),
      http.post(`${GRAPH}/v1.0/users/${bob.id}/assignLicense`, () => HttpResponse.json(bob)),
      http.post(`${GRAPH}/v1.0/users/${bob.id}/drive/root/invite`, () => HttpResponse.json({ value: [] })),
    );
  });

  it('disables, revokes, removes assigned groups across pages and licences, shares files, and reports it', async () => {
    const action = createOffboardAction({ config: graphConfig, today: () => '2026-12-05' });
    const { ctx, output } = contextWithCheckpoints({ account: 'bob@contoso.example', lastDay: '2026-12-04', handOverTo: 'carol@contoso.example' });
    await action.handler(ctx);
    expect(calls()).toEqual([
      'GET /v1.0/users/bob@contoso.example?$select=id,userPrincipalName,displayName,accountEnabled,mail',
      `PATCH /v1.0/users/${bob.id}`,
      `POST /v1.0/users/${bob.id}/revokeSignInSessions`,
      `GET /v1.0/users/${bob.id}/memberOf/microsoft.graph.group?$select=id,displayName,groupTypes,onPremisesSyncEnabled`,
      `GET /v1.0/users/${bob.id}/memberOf/microsoft.graph.group?$select=id&$skiptoken=page2`,
      `DELETE /v1.0/groups/g1/members/${bob.id}/$ref`,
      `DELETE /v1.0/groups/g2/members/${bob.id}/$ref`,
      `GET /v1.0/users/${bob.id}/licenseDetails`,
      `POST /v1.0/users/${bob.id}/assignLicense`,
      `POST /v1.0/users/${bob.id}/drive/root/invite`,
    ]);
    expect(requests[1].body).toEqual({ accountEnabled: false });
    expect(requests[8].body).toEqual({ addLicenses: [], removeLicenses: ['sku-e3'] });
    expect(requests[9].body).toMatchObject({ recipients: [{ email: 'carol@contoso.example' }], roles: ['write'], requireSignIn: true });
    expect(output).toHaveBeenCalledWith('report', {
      account: 'bob@contoso.example',
      signInDisabled: true,
      sessionsRevoked: true,
      groupsRemoved: ['Sales', 'VPN users'],
      groupsSkipped: [
        { group: 'Everyone', reason: 'dynamic membership (follows the user attributes)' },
        { group: 'AD Finance', reason: 'synchronised from on-premises Active Directory' },
      ],
      licencesRemoved: ['ENTERPRISEPACK'],
      filesSharedWith: 'carol@contoso.example',
    });
  });

  it('a retried task resumes after the last done step', async () => {
    const action = createOffboardAction({ config: graphConfig, today: () => '2026-12-05' });
    const state = new Map<string, unknown>();
    // 500 on a GET is retried (retries: 2) — make every attempt of the first run fail.
    server.use(http.get(`${GRAPH}/v1.0/users/${bob.id}/licenseDetails`, () => odataError(500, 'generalException', 'boom'), { once: true }));
    server.use(http.get(`${GRAPH}/v1.0/users/${bob.id}/licenseDetails`, () => odataError(500, 'generalException', 'boom'), { once: true }));
    server.use(http.get(`${GRAPH}/v1.0/users/${bob.id}/licenseDetails`, () => odataError(500, 'generalException', 'boom'), { once: true }));
    await expect(action.handler(contextWithCheckpoints({ account: 'bob@contoso.example' }, state).ctx)).rejects.toThrow(
      'HTTP 500 generalException: boom',
    );
    requests.length = 0;
    await action.handler(contextWithCheckpoints({ account: 'bob@contoso.example' }, state).ctx);
    expect(calls()).toEqual([
      'GET /v1.0/users/bob@contoso.example?$select=id,userPrincipalName,displayName,accountEnabled,mail',
      `GET /v1.0/users/${bob.id}/licenseDetails`,
      `POST /v1.0/users/${bob.id}/assignLicense`,
    ]);
  });

  it('refuses to start before the last day', async () => {
    const action = createOffboardAction({ config: graphConfig, today: () => '2026-12-01' });
    await expect(action.handler(contextWithCheckpoints({ account: 'bob@contoso.example', lastDay: '2026-12-04' }).ctx)).rejects.toThrow(
      'lastDay: 2026-12-04 is still ahead',
    );
    expect(requests).toEqual([]);
  });
});

describe('m365:group:add-member', () => {
  it('adds members by $ref and counts the ones already in', async () => {
    server.use(
      userHandler,
      http.get(`${GRAPH}/v1.0/groups`, () =>
        HttpResponse.json({ value: [{ id: 'g-sales', displayName: 'Sales', mail: 'sales@contoso.example', groupTypes: ['Unified'], mailEnabled: true }] }),
      ),
      http.post(`${GRAPH}/v1.0/groups/g-sales/members/$ref`, async ({ request }) => {
        const body = (await request.clone().json()) as any;
        return body['@odata.id'].endsWith(carol.id)
          ? odataError(400, 'Request_BadRequest', "One or more added object references already exist for the following modified properties: 'members'.")
          : new HttpResponse(null, { status: 204 });
      }),
    );
    const action = createGroupAddMemberAction({ config: graphConfig });
    const { ctx, output } = contextWithCheckpoints({ group: 'sales@contoso.example', members: ['bob@contoso.example', 'carol@contoso.example'] });
    await action.handler(ctx);
    expect(requests[0].path).toBe("/v1.0/groups?$filter=mail eq 'sales@contoso.example'&$select=id,displayName,mail,groupTypes,mailEnabled,securityEnabled");
    expect(requests[2].body).toEqual({ '@odata.id': `${GRAPH}/v1.0/directoryObjects/${bob.id}` });
    expect(output).toHaveBeenCalledWith('added', ['bob@contoso.example']);
    expect(output).toHaveBeenCalledWith('alreadyMembers', ['carol@contoso.example']);
  });

  it('says what Graph cannot do for a classic distribution list', async () => {
    server.use(
      http.get(`${GRAPH}/v1.0/groups`, () =>
        HttpResponse.json({ value: [{ id: 'g-dl', displayName: 'All staff', mail: 'all@contoso.example', groupTypes: [], mailEnabled: true, securityEnabled: false }] }),
      ),
    );
    const action = createGroupAddMemberAction({ config: graphConfig });
    await expect(
      action.handler(contextWithCheckpoints({ group: 'all@contoso.example', members: ['bob@contoso.example'] }).ctx),
    ).rejects.toThrow('classic distribution list or mail-enabled security group, which Microsoft Graph cannot change');
  });
});

describe('m365:teams:create-channel', () => {
  it('finds the team by name and creates a private channel with its owner', async () => {
    server.use(
      userHandler,
      http.get(`${GRAPH}/v1.0/teams`, () => HttpResponse.json({ value: [{ id: 'team-1' }] })),
      http.post(`${GRAPH}/v1.0/teams/team-1/channels`, () => HttpResponse.json({ id: '19:abc@thread.tacv2', webUrl: 'https://teams.test/c/abc' }, { status: 201 })),
    );
    const action = createTeamsChannelAction({ config: graphConfig });
    const { ctx, output } = contextWithCheckpoints({ team: 'Platform', channelName: 'incidents', private: true, owner: 'carol@contoso.example' });
    await action.handler(ctx);
    expect(requests[0].path).toBe("/v1.0/teams?$filter=displayName eq 'Platform'&$select=id");
    expect(requests[2].body).toEqual({
      displayName: 'incidents',
      membershipType: 'private',
      members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': `${GRAPH}/v1.0/users/${carol.id}`, roles: ['owner'] }],
    });
    expect(output).toHaveBeenCalledWith('channelId', '19:abc@thread.tacv2');
  });
});

describe('m365:sharepoint', () => {
  it('creates the group of a team site and waits for its site to be provisioned', async () => {
    let siteCalls = 0;
    server.use(
      userHandler,
      http.post(`${GRAPH}/v1.0/groups`, () => HttpResponse.json({ id: 'g-new' }, { status: 201 })),
      http.get(`${GRAPH}/v1.0/groups/g-new/sites/root`, () =>
        ++siteCalls === 1
          ? odataError(404, 'itemNotFound', 'Requested site could not be found')
          : HttpResponse.json({ id: 'contoso.sharepoint.com,1,2', webUrl: 'https://contoso.sharepoint.com/sites/finance-close' }),
      ),
    );
    const action = createSharePointSiteAction({ config: graphConfig, pollMs: 1 });
    const { ctx, output } = contextWithCheckpoints({ siteName: 'Finance close', owners: ['carol@contoso.example'], visibility: 'Private' });
    await action.handler(ctx);
    expect(requests[1].body).toEqual({
      displayName: 'Finance close',
      mailNickname: 'finance-close',
      groupTypes: ['Unified'],
      mailEnabled: true,
      securityEnabled: false,
      visibility: 'Private',
      'owners@odata.bind': [`${GRAPH}/v1.0/users/${carol.id}`],
      'members@odata.bind': [`${GRAPH}/v1.0/users/${carol.id}`],
    });
    expect(output).toHaveBeenCalledWith('webUrl', 'https://contoso.sharepoint.com/sites/finance-close');
  });

  it('creates a document library on a site given by URL', async () => {
    server.use(
      http.get(`${GRAPH}/v1.0/sites/*`, () => HttpResponse.json({ id: 'site-1', webUrl: 'https://contoso.sharepoint.com/sites/finance' })),
      http.post(`${GRAPH}/v1.0/sites/site-1/lists`, () => HttpResponse.json({ id: 'list-1', webUrl: 'https://contoso.sharepoint.com/sites/finance/Contracts' }, { status: 201 })),
    );
    const action = createSharePointLibraryAction({ config: graphConfig });
    const { ctx, output } = contextWithCheckpoints({ site: 'https://contoso.sharepoint.com/sites/finance', libraryName: 'Contracts' });
    await action.handler(ctx);
    expect(calls()).toEqual([
      'GET /v1.0/sites/contoso.sharepoint.com:/sites/finance?$select=id,webUrl',
      'POST /v1.0/sites/site-1/lists',
    ]);
    expect(requests[1].body).toEqual({ displayName: 'Contracts', list: { template: 'documentLibrary' } });
    expect(output).toHaveBeenCalledWith('listId', 'list-1');
  });
});

describe('m365:user:onboard', () => {
  it('creates the user, assigns licences, groups and manager; the first password goes to the ticket only', async () => {
    server.use(
      userHandler,
      http.post(`${GRAPH}/v1.0/users`, () => HttpResponse.json({ id: 'new-user', userPrincipalName: 'dana@contoso.example' }, { status: 201 })),
      http.post(`${GRAPH}/v1.0/users/new-user/assignLicense`, () => HttpResponse.json({})),
      http.get(`${GRAPH}/v1.0/groups`, () => HttpResponse.json({ value: [{ id: 'g-fin', displayName: 'Finance', groupTypes: ['Unified'] }] })),
      http.post(`${GRAPH}/v1.0/groups/g-fin/members/$ref`, () => new HttpResponse(null, { status: 204 })),
      http.put(`${GRAPH}/v1.0/users/new-user/manager/$ref`, () => new HttpResponse(null, { status: 204 })),
    );
    const stored: string[] = [];
    const action = createOnboardAction({ config: graphConfig, secrets: { store: async s => void stored.push(s.secret) } });
    const { ctx, output, logs } = contextWithCheckpoints({
      ticketId: 'SD-000124',
      displayName: 'Dana Lee',
      userPrincipalName: 'dana@contoso.example',
      usageLocation: 'FR',
      licenceSkuIds: ['c7df2760-2c81-4ef7-b578-5b5392b571df'],
      groups: ['Finance'],
      manager: 'carol@contoso.example',
    });
    await action.handler(ctx);
    expect(calls()).toEqual([
      'POST /v1.0/users',
      'POST /v1.0/users/new-user/assignLicense',
      "GET /v1.0/groups?$filter=displayName eq 'Finance'&$select=id,displayName,mail,groupTypes,mailEnabled,securityEnabled",
      'POST /v1.0/groups/g-fin/members/$ref',
      'GET /v1.0/users/carol@contoso.example?$select=id,userPrincipalName,displayName,accountEnabled,mail',
      'PUT /v1.0/users/new-user/manager/$ref',
    ]);
    expect(requests[0].body).toMatchObject({ userPrincipalName: 'dana@contoso.example', mailNickname: 'dana', usageLocation: 'FR', passwordProfile: { forceChangePasswordNextSignIn: true } });
    expect(stored).toEqual([requests[0].body.passwordProfile.password]);
    expect(requests[5].body).toEqual({ '@odata.id': `${GRAPH}/v1.0/users/${carol.id}` });
    expect(JSON.stringify(output.mock.calls) + logs.join()).not.toContain(stored[0]);
  });
});
