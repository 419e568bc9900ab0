import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

type ExampleValue = string | number | boolean | ExampleValue[] | ExampleObject;
interface ExampleObject {
  [key: string]: ExampleValue;
}

/** A template step as the examples show it; `input` is what the tests run through the action. */
export interface ExampleStep {
  id: string;
  name: string;
  action: string;
  if?: string;
  input: ExampleObject;
}

export interface ActionExample {
  description: string;
  steps: ExampleStep[];
}

/**
 * The examples are written as data, so the tests can run every example's input through its action, and printed
 * as YAML for the scaffolder's action page (the package has no YAML library; steps only need this subset).
 */
export function toTemplateExamples(
  examples: ActionExample[],
): TemplateExample[] {
  return examples.map(({ description, steps }) => ({
    description,
    example: emit({ steps: steps as unknown as ExampleValue[] }, 0).join('\n'),
  }));
}

function emit(value: ExampleObject, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (Array.isArray(entry)) {
      if (entry.length === 0) {
        lines.push(`${pad}${key}: []`);
        continue;
      }
      lines.push(`${pad}${key}:`);
      for (const item of entry) {
        if (isObject(item)) {
          const [first, ...rest] = emit(item, indent + 4);
          lines.push(`${pad}  - ${first.trimStart()}`, ...rest);
        } else {
          lines.push(`${pad}  - ${scalar(item)}`);
        }
      }
    } else if (isObject(entry)) {
      lines.push(`${pad}${key}:`, ...emit(entry, indent + 2));
    } else {
      lines.push(`${pad}${key}: ${scalar(entry)}`);
    }
  }
  return lines;
}

function isObject(value: ExampleValue): value is ExampleObject {
  return typeof value === 'object' && !Array.isArray(value);
}

/** Plain when unambiguous, otherwise double-quoted (a JSON string is a valid YAML double-quoted scalar). */
function scalar(value: string | number | boolean | ExampleValue[]): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plain =
    /^[A-Za-z][\w./@-]*(:[\w./@-]+)*$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}
