import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CodeSample, CodeSamplesRequest } from '@portico/plugin-apim-common';
import { HTTPSnippet } from 'httpsnippet';
import type { HarRequest, TargetId } from 'httpsnippet';
import { ApiDefinitions, resolveTarget, Target } from '../tryit/apiTarget';

/** What stands for the key in every sample; the key itself never leaves the server. */
export const API_KEY_PLACEHOLDER = '<YOUR_API_KEY>';

interface SampleTarget {
  language: string;
  label: string;
  target: TargetId;
  client: string;
}

/** The languages offered, in the order the console shows them; `language` is for highlighting. */
export const SAMPLE_TARGETS: readonly SampleTarget[] = [
  { language: 'shell', label: 'curl', target: 'shell', client: 'curl' },
  { language: 'javascript', label: 'JavaScript (fetch)', target: 'javascript', client: 'fetch' },
  { language: 'python', label: 'Python (requests)', target: 'python', client: 'requests' },
  { language: 'go', label: 'Go (net/http)', target: 'go', client: 'native' },
  { language: 'java', label: 'Java (OkHttp)', target: 'java', client: 'okhttp' },
  { language: 'csharp', label: 'C# (HttpClient)', target: 'csharp', client: 'httpclient' },
];

// Samples put the placeholder in URLs, where it would otherwise be shown percent-encoded.
const ENCODED_PLACEHOLDER = /%3CYOUR_API_KEY%3E/gi;

/** The HAR request httpsnippet reads: the checked target, with the placeholder for the key. */
export function harRequestFor(target: Target, method: string, body: string | undefined): HarRequest {
  const headers = Object.entries(target.headers).map(([name, value]) => ({ name, value }));
  const queryString = [...target.url.searchParams].map(([name, value]) => ({ name, value }));
  if (target.apiKey.in === 'header') {
    headers.push({ name: target.apiKey.name, value: API_KEY_PLACEHOLDER });
  } else {
    queryString.push({ name: target.apiKey.name, value: API_KEY_PLACEHOLDER });
  }
  const contentType =
    Object.entries(target.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ??
    'application/octet-stream';
  return {
    method,
    url: `${target.url.origin}${target.url.pathname}`,
    httpVersion: 'HTTP/1.1',
    headers,
    queryString,
    cookies: [],
    headersSize: -1,
    bodySize: -1,
    postData:
      body === undefined
        ? { mimeType: contentType }
        : { mimeType: contentType.split(';')[0].trim(), text: body },
  } as HarRequest;
}

/** Generates the samples of one checked request; pure, no network. */
export function codeSamplesFor(target: Target, method: string, body: string | undefined): CodeSample[] {
  const snippet = new HTTPSnippet(harRequestFor(target, method, body));
  return SAMPLE_TARGETS.flatMap(({ language, label, target: targetId, client }) => {
    const converted = snippet.convert(targetId, client);
    const code = Array.isArray(converted) ? converted.join('\n') : converted;
    return code ? [{ language, label, code: code.replace(ENCODED_PLACEHOLDER, API_KEY_PLACEHOLDER) }] : [];
  });
}

/**
 * Code samples of a Try-It request: checked against the API's definition exactly as Try-It
 * checks it (declared server and operation, headers a caller may set), generated with
 * httpsnippet, the key as a placeholder where the definition's API-key scheme puts it.
 */
export class CodeSamplesService {
  private readonly apis: ApiDefinitions;

  constructor(options: { catalog: CatalogService; definitions?: ApiDefinitions }) {
    this.apis = options.definitions ?? new ApiDefinitions(options.catalog);
  }

  async generate(
    request: CodeSamplesRequest,
    context: { credentials: BackstageCredentials },
  ): Promise<{ samples: CodeSample[] }> {
    const api = await this.apis.load(request.apiRef, context.credentials);
    const target = resolveTarget(api, request);
    return { samples: codeSamplesFor(target, request.method, request.body) };
  }
}
