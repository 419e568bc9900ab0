export interface DemoUser {
  name: string;
  ref: string;
  displayName: string;
  email?: string;
  picture?: string;
  groups: string[];
}

/** Who one can sign in as: `GET /api/auth/demo-users` (open only while demo sign-in is on). */
export async function fetchDemoUsers(authBaseUrl: string): Promise<DemoUser[]> {
  const response = await fetch(`${authBaseUrl}/demo-users`);
  if (!response.ok) {
    throw new Error(
      response.status === 404
        ? 'Demo sign-in is not enabled on this backend'
        : `Could not load the demo users (HTTP ${response.status})`,
    );
  }
  const body = (await response.json()) as { users: DemoUser[] };
  return body.users;
}

const STORAGE_KEY = 'portico.demoSignIn.user';

/** The chosen demo user survives reloads until sign-out, like a session. */
export const demoUserChoice = {
  get: (): string | undefined => window.localStorage.getItem(STORAGE_KEY) ?? undefined,
  set: (name: string) => window.localStorage.setItem(STORAGE_KEY, name),
  clear: () => window.localStorage.removeItem(STORAGE_KEY),
};
