import { parse, YAMLParseError } from 'yaml';

/**
 * The YAML the Try-It console reads definitions with, to prefill its form (the apim backend
 * parses definitions with swagger-parser and is the one that decides what can be called).
 */
export class YamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlError';
  }
}

/** Parses a YAML (or JSON) document; throws a `YamlError` naming the line when it cannot. */
export function parseYaml(text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      throw new YamlError(error.message);
    }
    throw error;
  }
}
