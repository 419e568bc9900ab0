import { parseApiDefinition } from './definition';

const base = (extra: object = {}) => ({
  openapi: '3.0.3',
  info: { title: 'T', version: '1.0.0' },
  paths: {
    '/a': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/A' },
              },
            },
          },
        },
      },
    },
  },
  components: { schemas: { A: { type: 'string' } } },
  ...extra,
});

describe('parseApiDefinition', () => {
  it('resolves references inside the definition', async () => {
    const parsed = await parseApiDefinition('openapi', JSON.stringify(base()));
    expect(parsed.error).toBeUndefined();
    expect(parsed.operations).toEqual([
      expect.objectContaining({ method: 'GET', path: '/a' }),
    ]);
  });

  it.each([
    '/etc/hostname',
    'file:///etc/hostname',
    'http://127.0.0.1:9/x.json',
    'other.yaml#/A',
    '/dev/zero',
  ])(
    'refuses a reference outside the definition (%s) without reading it',
    async ref => {
      const definition = base({
        components: { schemas: { A: { $ref: ref } } },
      });
      const parsed = await parseApiDefinition(
        'openapi',
        JSON.stringify(definition),
      );
      expect(parsed.error).toMatch(
        /^The definition refers to .* \(at components\.schemas\.A\.\$ref\), outside the definition/,
      );
      expect(parsed.operations).toEqual([]);
    },
  );

  it('refuses a definition past the size limit', async () => {
    const parsed = await parseApiDefinition('openapi', JSON.stringify(base()), {
      maxBytes: 100,
      maxDepth: 64,
    });
    expect(parsed.error).toMatch(
      /more than Portico reads \(100 bytes, apim\.definitions\.maxBytes\)/,
    );
  });

  it('refuses a definition nested past the depth limit, without overflowing the stack', async () => {
    const deep = (levels: number) =>
      `${'{"items":'.repeat(levels)}{"type":"string"}${'}'.repeat(levels)}`;
    const text = JSON.stringify(base()).replace('{"type":"string"}', deep(100));
    const parsed = await parseApiDefinition('openapi', text, {
      maxBytes: 10_000_000,
      maxDepth: 64,
    });
    expect(parsed.error).toMatch(
      /nests deeper than 64 levels .*apim\.definitions\.maxDepth/,
    );
    // Far deeper than any stack: refused (as depth or as unreadable), never a crash.
    const abyss = await parseApiDefinition(
      'openapi',
      JSON.stringify(base()).replace('{"type":"string"}', deep(20_000)),
      {
        maxBytes: 10_000_000,
        maxDepth: 64,
      },
    );
    expect(abyss.error).toMatch(/nests deeper|not valid YAML/);
  });

  it('refuses a YAML alias bomb', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const parsed = await parseApiDefinition(
      'openapi',
      `openapi: 3.0.3\n${lines.join('\n')}\n`,
    );
    expect(parsed.error).toMatch(/not valid YAML or JSON/);
  });
});
