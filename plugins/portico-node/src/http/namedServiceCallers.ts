import type {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * A service subject as Backstage gives it: `plugin:<pluginId>` for another backend plugin, or the
 * `subject` of a static token in backend.auth.externalAccess exactly as configured there (e.g.
 * `awx`, `gateway`; Backstage adds no prefix), or the subject of a JWKS or legacy token.
 */
const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9:._@/-]{0,199}$/;

/**
 * Reads a list of service subjects from config, checked at start-up (a typo would otherwise
 * lock the caller out, or worse, look like a list). Missing: nobody.
 */
export function readServiceSubjects(config: Config, key: string): string[] {
  const subjects = config.getOptionalStringArray(key) ?? [];
  subjects.forEach((subject, i) => {
    if (!SUBJECT.test(subject)) {
      throw new Error(
        `Invalid service subject '${subject}' at config key '${key}[${i}]': expected plugin:<pluginId> or the subject of a token in backend.auth.externalAccess, without spaces`,
      );
    }
  });
  return subjects;
}

/**
 * A service that an endpoint accepts by name. It carries no roles and no permissions: a
 * service is never an admin, it may do only what the endpoint that named it does.
 */
export interface NamedServiceCaller {
  subject: string;
  credentials: BackstageCredentials<BackstageServicePrincipal>;
}

/**
 * The service callers one endpoint accepts. A service token proves "some backend", not "the
 * AWX executor": an endpoint that takes service credentials lists the subjects it accepts in
 * config, answers 403 to every other caller (users included) and audits the refusal.
 *
 * ```ts
 * const executors = NamedServiceCallers.fromConfig(config, 'promotions.targets.PROD.executorSubjects', { auditor });
 * router.post('/requests/:id/deployment', async (req, res) => {
 *   const caller = await executors.require(await httpAuth.credentials(req, { allow: ['service'] }), {
 *     endpoint: 'POST /requests/:id/deployment', request: req,
 *   });
 *   ...
 * });
 * ```
 */
export class NamedServiceCallers {
  static fromConfig(config: Config, key: string, options: { auditor: AuditorService }): NamedServiceCallers {
    return new NamedServiceCallers({ subjects: readServiceSubjects(config, key), configKey: key, auditor: options.auditor });
  }

  readonly subjects: readonly string[];

  constructor(
    private readonly options: { subjects: readonly string[]; configKey: string; auditor: AuditorService },
  ) {
    this.subjects = [...options.subjects];
  }

  /** Whether these credentials are one of the named services. */
  allows(credentials: BackstageCredentials): credentials is BackstageCredentials<BackstageServicePrincipal> {
    const principal = credentials.principal as { type?: string; subject?: string };
    return principal.type === 'service' && this.subjects.includes(principal.subject ?? '');
  }

  /** The caller if it is a named service; otherwise NotAllowedError (403) and an audit record. */
  async require(
    credentials: BackstageCredentials,
    context: { endpoint: string; request?: Request<any, any, any, any, any>; meta?: JsonObject },
  ): Promise<NamedServiceCaller> {
    if (this.allows(credentials)) {
      return { subject: credentials.principal.subject, credentials };
    }
    const principal = credentials.principal as { type?: string; subject?: string; userEntityRef?: string };
    const who = principal.type === 'service' ? principal.subject : principal.userEntityRef ?? principal.type ?? 'unknown';
    const error = new NotAllowedError(
      `${context.endpoint} accepts only the services named in config '${this.options.configKey}'${
        this.subjects.length ? ` (${this.subjects.join(', ')})` : ' (none configured)'
      }; ${principal.type === 'service' ? `service ${who}` : `a ${principal.type ?? 'unknown'} caller`} is not one of them`,
    );
    const event = await this.options.auditor.createEvent({
      eventId: 'service-caller-refused',
      severityLevel: 'high',
      request: context.request,
      meta: {
        ...context.meta,
        endpoint: context.endpoint,
        caller: who ?? 'unknown',
        callerType: principal.type ?? 'unknown',
        configKey: this.options.configKey,
      },
    });
    await event.fail({ error });
    throw error;
  }
}
