import { parseYaml, YamlError } from './yaml';

describe('parseYaml', () => {
  it('reads an OpenAPI document with block scalars and flow collections', () => {
    expect(
      parseYaml(`openapi: 3.0.3
info: { title: Echo, version: '1.0' }
paths:
  /x:
    get:
      description: |
        Two
        lines
`),
    ).toEqual({
      openapi: '3.0.3',
      info: { title: 'Echo', version: '1.0' },
      paths: { '/x': { get: { description: 'Two\nlines\n' } } },
    });
  });

  it('reads JSON too', () => {
    expect(parseYaml('{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it('throws a YamlError naming the line on malformed input', () => {
    expect(() => parseYaml('a: [1, 2\nb: 3')).toThrow(YamlError);
    expect(() => parseYaml('a: [1, 2\nb: 3')).toThrow(/line/);
  });
});
