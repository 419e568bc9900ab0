import type { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import type { SignInResolver } from '@backstage/plugin-auth-node';

export const ALLOWED_EMAIL_DOMAINS_KEY = 'portico.signIn.allowedEmailDomains';

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * The e-mail domains whose people may sign in. Required: an identity provider that accepts
 * outside accounts (a public Google or Microsoft tenant) would otherwise let `alice@elsewhere`
 * become the catalog's alice.
 */
export function readAllowedEmailDomains(config: Config): string[] {
  const domains = (config.getOptionalStringArray(ALLOWED_EMAIL_DOMAINS_KEY) ?? [])
    .map(domain => domain.trim().toLowerCase())
    .filter(Boolean);
  if (domains.length === 0) {
    throw new Error(
      `${ALLOWED_EMAIL_DOMAINS_KEY} must list the e-mail domains allowed to sign in (e.g. [example.com]); OIDC sign-in refuses to start without it`,
    );
  }
  const invalid = domains.find(domain => !DOMAIN.test(domain));
  if (invalid) {
    throw new Error(`${ALLOWED_EMAIL_DOMAINS_KEY}: '${invalid}' is not a domain name`);
  }
  return domains;
}

/** The domain of an address, or undefined when it is not one `local@domain` address. */
function domainOf(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || email.indexOf('@') !== at) return undefined;
  return email.slice(at + 1).toLowerCase();
}

/**
 * Signs in the catalog user whose `spec.profile.email` is the verified e-mail of the identity
 * provider, only for an allowed domain (exact match: a subdomain is another domain).
 */
export function createAllowedDomainSignInResolver(
  allowedDomains: string[],
): SignInResolver<unknown> {
  const allowed = new Set(allowedDomains.map(d => d.toLowerCase()));
  return async (info, ctx) => {
    const email = info.profile.email?.trim();
    if (!email) {
      throw new NotAllowedError('Sign-in refused: the identity provider gave no e-mail address');
    }
    const domain = domainOf(email);
    if (!domain || !allowed.has(domain)) {
      throw new NotAllowedError(
        `Sign-in refused: ${domain ?? 'that address'} is not an allowed e-mail domain`,
      );
    }
    return ctx.signInWithCatalogUser({ filter: { 'spec.profile.email': email } });
  };
}
