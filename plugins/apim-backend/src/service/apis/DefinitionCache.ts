import { createHash } from 'crypto';
import {
  DEFAULT_DEFINITION_LIMITS,
  DefinitionLimits,
  parseApiDefinition,
  ParsedDefinition,
} from './definition';

/**
 * Parsing and validating an OpenAPI document takes milliseconds; the APIs page parses every
 * API on a page. Results are kept by the hash of the definition text, so an edited definition
 * is parsed again and an unchanged one is not.
 */
export class DefinitionCache {
  private readonly entries = new Map<string, Promise<ParsedDefinition>>();

  constructor(
    private readonly limits: DefinitionLimits = DEFAULT_DEFINITION_LIMITS,
    private readonly maxEntries = 500,
  ) {}

  parse(
    type: string | undefined,
    definition: string | undefined,
  ): Promise<ParsedDefinition> {
    const key = createHash('sha256')
      .update(`${type ?? ''}\u0000${definition ?? ''}`)
      .digest('hex');
    const cached = this.entries.get(key);
    if (cached) {
      // Most recently used last: the oldest entry is the first to go.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const parsed = parseApiDefinition(type, definition, this.limits);
    this.entries.set(key, parsed);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return parsed;
  }
}
