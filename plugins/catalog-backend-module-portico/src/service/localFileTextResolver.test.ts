import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { createTextPlaceholderResolver } from './localFileTextResolver';

function setup() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'portico-catalog-'));
  mkdirSync(path.join(root, 'catalog', 'openapi'), { recursive: true });
  writeFileSync(path.join(root, 'catalog', 'openapi', 'payments.yaml'), 'openapi: 3.0.3\n');
  writeFileSync(path.join(root, 'secret.txt'), 'do not read');
  return { root, location: path.join(root, 'catalog', 'apis.yaml') };
}

function params(value: unknown, baseUrl: string) {
  return {
    key: 'text',
    value: value as any,
    baseUrl,
    read: jest.fn(async (url: string) => Buffer.from(`remote content of ${url}`)),
    resolveUrl: jest.fn((url: string, base: string) => new URL(url, base).toString()),
    emit: jest.fn(),
  };
}

describe('text placeholder resolver', () => {
  const resolve = createTextPlaceholderResolver();

  it('reads a relative file beside a file location', async () => {
    const { location } = setup();
    const p = params('./openapi/payments.yaml', location);
    await expect(resolve(p)).resolves.toBe('openapi: 3.0.3\n');
    expect(p.read).not.toHaveBeenCalled();
  });

  it('refuses to leave the location folder', async () => {
    const { location, root } = setup();
    await expect(resolve(params('../secret.txt', location))).rejects.toThrow(
      'may only read files inside the folder',
    );
    await expect(resolve(params(path.join(root, 'secret.txt'), location))).rejects.toThrow(
      'may only read files inside the folder',
    );
  });

  it('says which file is missing', async () => {
    const { location } = setup();
    await expect(resolve(params('./openapi/missing.yaml', location))).rejects.toThrow(
      'could not read ./openapi/missing.yaml',
    );
  });

  it('reads URL locations through the URL reader, as the built-in $text does', async () => {
    const p = params('./openapi.yaml', 'https://git.example.com/org/repo/blob/main/catalog-info.yaml');
    await expect(resolve(p)).resolves.toBe(
      'remote content of https://git.example.com/org/repo/blob/main/openapi.yaml',
    );
    expect(p.emit).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'refresh',
        key: 'url:https://git.example.com/org/repo/blob/main/openapi.yaml',
      }),
    );
  });

  it('refuses a value that is not a string', async () => {
    await expect(resolve(params({ nested: true }, '/tmp/x.yaml'))).rejects.toThrow(
      'expected a string value',
    );
  });
});
