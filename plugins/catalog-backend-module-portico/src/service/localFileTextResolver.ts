import { promises as fs } from 'fs';
import path from 'path';
import {
  PlaceholderResolver,
  PlaceholderResolverParams,
  processingResult,
} from '@backstage/plugin-catalog-node';

function isUrl(value: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value);
}

/**
 * The catalog resolves `$text: ./openapi.yaml` only against URL locations. Portico's demo
 * catalog ships as local files, so this resolver also reads a relative path next to a
 * `file` location, confined to that location's folder (no `..`, no absolute paths).
 * Everything else is read exactly as the built-in `$text` does.
 */
export function createTextPlaceholderResolver(): PlaceholderResolver {
  return async (params: PlaceholderResolverParams) => {
    const { key, value, baseUrl } = params;
    if (typeof value !== 'string') {
      throw new Error(
        `Placeholder $${key} expected a string value parameter, in the form of an absolute URL or a relative path`,
      );
    }
    if (!isUrl(baseUrl) && path.isAbsolute(baseUrl) && !isUrl(value)) {
      return readBesideFileLocation(key, value, baseUrl);
    }
    const url = params.resolveUrl(value, baseUrl);
    const content = (await params.read(url)).toString('utf-8');
    params.emit(processingResult.refresh(`url:${url}`));
    return content;
  };
}

async function readBesideFileLocation(
  key: string,
  value: string,
  locationFile: string,
): Promise<string> {
  const folder = path.dirname(locationFile);
  const target = path.resolve(folder, value);
  if (path.isAbsolute(value) || !target.startsWith(folder + path.sep)) {
    throw new Error(
      `Placeholder $${key} may only read files inside the folder of ${locationFile}, got ${value}`,
    );
  }
  try {
    return await fs.readFile(target, 'utf-8');
  } catch (e) {
    throw new Error(`Placeholder $${key} could not read ${value} beside ${locationFile}, ${e}`);
  }
}
