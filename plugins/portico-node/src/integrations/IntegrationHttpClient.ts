import { IntegrationHttpError } from './errors';
import { Redactor } from './redact';
import { retryingFetch, RetryPolicy } from './retryingFetch';

export interface IntegrationRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path under the base URL, or an absolute URL on the same origin (next-page links). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * JSON over HTTP to one outside system: base URL and auth headers from config, the house retry policy, errors that
 * carry the vendor's own message (OData `error.message`, AWX `detail`, PennyLane `error`...) with secrets masked.
 * Absolute URLs outside the base URL's origin are refused, so a next-page link cannot carry the credentials away.
 */
export class IntegrationHttpClient {
  constructor(
    private readonly options: {
      system: string;
      baseUrl: string;
      headers: () => Promise<Record<string, string>> | Record<string, string>;
      policy: RetryPolicy;
      redactor?: Redactor;
      /** How to send; default the global fetch. `outboundFetch` sends through an OutboundAddressPolicy. */
      fetch?: (url: string, init: RequestInit) => Promise<Response>;
    },
  ) {}

  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  url(path: string, query?: IntegrationRequest['query']): string {
    let url: URL;
    if (/^https?:\/\//.test(path)) url = new URL(path);
    // An empty path is the base URL itself (a webhook URL is used as it is, without a trailing slash).
    else if (path === '') url = new URL(this.options.baseUrl);
    else url = new URL(`${this.baseUrl}/${path.replace(/^\/+/, '')}`);
    if (url.origin !== new URL(this.baseUrl).origin) {
      throw new Error(`${this.options.system}: refusing to follow ${url.origin}, outside ${new URL(this.baseUrl).origin}`);
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async request<T = unknown>(req: IntegrationRequest): Promise<{ status: number; body: T; headers: Headers }> {
    const method = req.method ?? 'GET';
    const url = this.url(req.path, req.query);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(await this.options.headers()),
      ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...req.headers,
    };
    const response = await retryingFetch(
      url,
      { method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body), signal: req.signal },
      this.options.policy,
      this.options.fetch,
    );
    const text = await response.text();
    let body: any = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (!response.ok) {
      const { message, code } = vendorError(body, response.statusText);
      const redactor = this.options.redactor ?? new Redactor();
      throw new IntegrationHttpError(this.options.system, response.status, redactor.redact(message).slice(0, 500), code);
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }
}

/** The message of the error bodies our vendors document. */
export function vendorError(body: any, fallback: string): { message: string; code?: string } {
  if (body && typeof body === 'object') {
    // OData (Microsoft Graph, Power BI): { error: { code, message } }
    if (body.error && typeof body.error === 'object') {
      return { message: String(body.error.message ?? fallback), code: body.error.code ? String(body.error.code) : undefined };
    }
    if (typeof body.error === 'string') return { message: String(body.message ?? body.error), code: body.message ? body.error : undefined };
    if (typeof body.detail === 'string') return { message: body.detail };
    if (typeof body.message === 'string') return { message: body.message };
    return { message: JSON.stringify(body) };
  }
  return { message: typeof body === 'string' && body ? body : fallback };
}
