import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { discoveryApiRef } from '@backstage/core-plugin-api';
import { DemoSignInPage } from './DemoSignInPage';

const users = [
  {
    name: 'alice',
    ref: 'user:default/alice',
    displayName: 'Alice Martin',
    email: 'alice@portico.example',
    groups: ['group:default/devops-acme', 'group:default/payments-team'],
  },
  {
    name: 'bob',
    ref: 'user:default/bob',
    displayName: 'Bob Dupont',
    email: 'bob@portico.example',
    groups: ['group:default/cpi-tenant-acme'],
  },
];

const discoveryApi = { getBaseUrl: async (id: string) => `http://portal.test/api/${id}` };

// The identity reads the token's expiry, so it must be a well-formed (unsigned) JWT.
function fakeToken(user: string) {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: `user:default/${user}`, exp })}.sig`;
}

function jsonResponse(status: number, body: unknown) {
  return Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

describe('DemoSignInPage', () => {
  let fetchMock: jest.SpyInstance;

  beforeEach(() => {
    window.localStorage.clear();
    fetchMock = jest.spyOn(global, 'fetch').mockImplementation((input, init) => {
      const url = String(input);
      if (url === 'http://portal.test/api/auth/demo-users') {
        return jsonResponse(200, { users });
      }
      if (url.startsWith('http://portal.test/api/auth/demo/refresh')) {
        const user = new Headers(init?.headers).get('x-portico-demo-user');
        return jsonResponse(200, {
          profile: { displayName: user },
          backstageIdentity: {
            token: fakeToken(user ?? ''),
            identity: {
              type: 'user',
              userEntityRef: `user:default/${user}`,
              ownershipEntityRefs: [`user:default/${user}`],
            },
          },
        });
      }
      return jsonResponse(404, {});
    });
  });

  afterEach(() => fetchMock.mockRestore());

  const renderPage = (onSignInSuccess = jest.fn()) =>
    renderInTestApp(
      <TestApiProvider apis={[[discoveryApiRef, discoveryApi]]}>
        <DemoSignInPage onSignInSuccess={onSignInSuccess} />
      </TestApiProvider>,
    );

  it('lists the demo users with their roles', async () => {
    await renderPage();
    expect(await screen.findByText('Alice Martin')).toBeInTheDocument();
    expect(screen.getByText('Bob Dupont')).toBeInTheDocument();
    expect(screen.getByText('devops-acme')).toBeInTheDocument();
    expect(screen.getByText('cpi-tenant-acme')).toBeInTheDocument();
  });

  it('signs in as the picked user and remembers the choice until sign-out', async () => {
    const onSignInSuccess = jest.fn();
    await renderPage(onSignInSuccess);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in as Bob Dupont' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const refreshCall = fetchMock.mock.calls.find(([url]) => String(url).includes('/demo/refresh'));
    expect(new Headers(refreshCall![1]?.headers).get('x-portico-demo-user')).toBe('bob');
    expect(window.localStorage.getItem('portico.demoSignIn.user')).toBe('bob');

    const identity = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toEqual(
      expect.objectContaining({ userEntityRef: 'user:default/bob' }),
    );
    await identity.signOut().catch(() => undefined);
    expect(window.localStorage.getItem('portico.demoSignIn.user')).toBeNull();
  });

  it('says so when demo sign-in is off on the backend', async () => {
    fetchMock.mockImplementation(() => jsonResponse(404, {}));
    await renderPage();
    expect(
      await screen.findByText('Demo sign-in is not enabled on this backend'),
    ).toBeInTheDocument();
  });
});
