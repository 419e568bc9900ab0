import type {
  ApimEnvironment,
  TryItRequest,
} from '@portico/plugin-apim-common';
import { fillPath } from '../../definition';

export interface KeyValue {
  name: string;
  value: string;
}

/** What the Try-It form holds. */
export interface TryItDraft {
  apiRef: string;
  method: string;
  path: string;
  environment?: ApimEnvironment;
  serverUrl?: string;
  applicationId?: string;
  pathParams: Record<string, string>;
  /** Declared query parameters and headers, by name. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Ones the user added beyond what the definition declares. */
  extraQuery: KeyValue[];
  extraHeaders: KeyValue[];
  body?: string;
  contentType?: string;
}

function collect(
  declared: Record<string, string>,
  extra: KeyValue[],
): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(declared)) {
    if (value !== '') result[name] = value;
  }
  for (const { name, value } of extra) {
    if (name.trim()) result[name.trim()] = value;
  }
  return Object.keys(result).length ? result : undefined;
}

const hasHeader = (headers: Record<string, string> | undefined, name: string) =>
  Object.keys(headers ?? {}).some(h => h.toLowerCase() === name.toLowerCase());

/**
 * The request the backend sends for the form: path filled in, empty values left out, the body's
 * Content-Type added unless the user set one. Without an application it is the request of the
 * code samples.
 */
export function buildTryItRequest(
  draft: TryItDraft,
): Omit<TryItRequest, 'applicationId' | 'environment' | 'serverUrl'> &
  Partial<Pick<TryItRequest, 'applicationId' | 'environment' | 'serverUrl'>> {
  const headers = collect(draft.headers, draft.extraHeaders);
  const sendsBody = draft.body !== undefined && draft.body.trim() !== '';
  const withContentType =
    sendsBody && draft.contentType && !hasHeader(headers, 'content-type')
      ? { ...headers, 'Content-Type': draft.contentType }
      : headers;
  return {
    apiRef: draft.apiRef,
    applicationId: draft.applicationId || undefined,
    environment: draft.environment,
    serverUrl: draft.serverUrl,
    method: draft.method.toUpperCase() as TryItRequest['method'],
    path: fillPath(draft.path, draft.pathParams),
    query: collect(draft.query, draft.extraQuery),
    headers: withContentType,
    body: sendsBody ? draft.body : undefined,
  };
}

/** The URL the request goes to, as the user will see it in the preview. */
export function previewUrl(draft: TryItDraft): string {
  const request = buildTryItRequest(draft);
  const search = new URLSearchParams(request.query ?? {}).toString();
  const base = (draft.serverUrl ?? '').replace(/\/+$/, '');
  return `${base}${request.path}${search ? `?${search}` : ''}`;
}

/** Path parameters that are still empty. */
export function missingPathParams(draft: TryItDraft): string[] {
  return [...draft.path.matchAll(/\{([^}]+)\}/g)]
    .map(match => match[1])
    .filter(name => !draft.pathParams[name]);
}
