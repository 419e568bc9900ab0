import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TryItRequest, TryItResponse } from '@portico/plugin-apim-common';
import { OutboundAddressPolicy } from '@portico/portico-node';
import { ApiDefinitions, resolveTarget } from './apiTarget';
import type { TryItSettings } from './config';
import type { ConsoleKeyProvider, TryItAccess } from './ports';

export interface TryItServiceOptions {
  catalog: CatalogService;
  consoleKeys: ConsoleKeyProvider;
  access: TryItAccess;
  settings: TryItSettings;
  logger?: LoggerService;
  /**
   * Which addresses Try-It may call: public ones, and the private targets the operator lists
   * in `apim.tryIt.privateTargets` (a definition's `x-portico-private` opens nothing by itself).
   */
  outbound: OutboundAddressPolicy;
  /** Parsed definitions, shared with the code samples. */
  definitions?: ApiDefinitions;
}

const REDACTED = 'REDACTED';

const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|yaml|x-yaml|javascript|ecmascript|x-www-form-urlencoded|graphql|problem\+json|csv)\b)|^image\/svg\+xml/i;

function replaceAll(buffer: Buffer, secret: Buffer, replacement: Buffer): Buffer {
  let index = buffer.indexOf(secret);
  if (index < 0) return buffer;
  const parts: Buffer[] = [];
  let from = 0;
  while (index >= 0) {
    parts.push(buffer.subarray(from, index), replacement);
    from = index + secret.length;
    index = buffer.indexOf(secret, from);
  }
  parts.push(buffer.subarray(from));
  return Buffer.concat(parts);
}

function decodeBody(
  body: Buffer,
  contentType: string | undefined,
): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  if (contentType && TEXTUAL.test(contentType)) {
    return { body: body.toString('utf8'), bodyEncoding: 'utf8' };
  }
  if (!contentType) {
    try {
      return { body: new TextDecoder('utf-8', { fatal: true }).decode(body), bodyEncoding: 'utf8' };
    } catch {
      // Not UTF-8: binary.
    }
  }
  return { body: body.toString('base64'), bodyEncoding: 'base64' };
}

/**
 * The Try-It proxy. The browser says which API, environment, server and operation to call
 * and with which of the caller's applications; the server checks all of it against the API's
 * definition, adds the application's key, and calls only the declared server's checked
 * address. The key never travels back: it is redacted from the URL, the response headers and
 * the body (an echo endpoint would otherwise hand it to the browser).
 */
export class TryItService {
  private readonly apis: ApiDefinitions;

  constructor(private readonly options: TryItServiceOptions) {
    this.apis = options.definitions ?? new ApiDefinitions(options.catalog);
  }

  async call(
    request: TryItRequest,
    context: { credentials: BackstageCredentials },
  ): Promise<TryItResponse> {
    const { settings, access, consoleKeys } = this.options;
    const { credentials } = context;

    const api = await this.apis.load(request.apiRef, credentials);
    const target = resolveTarget(api, request);

    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    if (body && body.length > settings.maxRequestBodyBytes) {
      throw new InputError(
        `body: ${body.length} bytes is more than Try-It sends (${settings.maxRequestBodyBytes} bytes, apim.tryIt.maxRequestBodyBytes)`,
      );
    }

    const allowed = settings.allowedMethods[request.environment];
    if (!(allowed as readonly string[]).includes(request.method)) {
      throw new NotAllowedError(
        `${request.method} is not allowed from Try-It in ${request.environment}; allowed there: ${
          allowed.join(', ') || 'nothing'
        } (apim.tryIt.allowedMethods.${request.environment})`,
      );
    }

    await access.assertCanTry({
      credentials,
      applicationId: request.applicationId,
      apiRef: api.ref,
      environment: request.environment,
    });

    const deadline = performance.now() + settings.timeoutMs;
    // Checked before a key is minted: a refused target costs nothing.
    const addresses = await this.options.outbound.check(target.url, { timeoutMs: settings.timeoutMs });

    const key = await consoleKeys.keyFor(request.applicationId, api.ref, request.environment);
    const url = new URL(target.url);
    const headers = { ...target.headers };
    if (target.apiKey.in === 'header') {
      headers[target.apiKey.name] = key;
    } else {
      url.searchParams.append(target.apiKey.name, key);
    }
    const shownUrl = new URL(url);
    if (target.apiKey.in === 'query') shownUrl.searchParams.set(target.apiKey.name, REDACTED);

    const secrets = [...new Set([key, encodeURIComponent(key)])].map(s => Buffer.from(s));
    const slack = Math.max(...secrets.map(s => s.length));
    const result = await this.options.outbound.send({
      url,
      method: request.method,
      headers,
      body,
      addresses,
      // Read a little past the limit so that a key cut by the limit is still found whole.
      maxBodyBytes: settings.maxResponseBodyBytes + slack,
      deadline,
      timeoutMs: settings.timeoutMs,
    });

    let responseBody = result.body;
    for (const secret of secrets) {
      responseBody = replaceAll(responseBody, secret, Buffer.from(REDACTED));
    }
    let truncated = result.truncated;
    if (responseBody.length > settings.maxResponseBodyBytes) {
      responseBody = responseBody.subarray(0, settings.maxResponseBodyBytes);
      truncated = true;
    }
    const contentType = result.headers['content-type'];
    const encoded = result.headers['content-encoding'];
    const decoded =
      encoded && encoded !== 'identity'
        ? { body: responseBody.toString('base64'), bodyEncoding: 'base64' as const }
        : decodeBody(responseBody, contentType);

    this.options.logger?.info(
      `Try-It ${request.method} ${shownUrl.origin}${shownUrl.pathname} of ${api.ref} (${request.environment}) with application ${request.applicationId}: ${result.status} in ${Math.round(result.durationMs)} ms`,
    );

    return {
      status: result.status,
      statusText: result.statusText,
      headers: this.responseHeaders(result.headers, secrets.map(s => s.toString())),
      ...decoded,
      truncated,
      durationMs: Math.round(result.durationMs * 10) / 10,
      url: shownUrl.toString(),
    };
  }

  private responseHeaders(headers: IncomingHttpHeaders, secrets: string[]): Record<string, string> {
    const shown: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || name === 'set-cookie') continue;
      let text = Array.isArray(value) ? value.join(', ') : value;
      for (const secret of secrets) text = text.split(secret).join(REDACTED);
      shown[name] = text;
    }
    return shown;
  }
}
