import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { InputError } from '@backstage/errors';
import type { JsonSchemaObject } from '@portico/plugin-servicedesk-common';

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean).join('.');
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const field = [path, missing].filter(Boolean).join('.');
  return field ? `formData.${field}` : 'formData';
}

/**
 * Validates a request's form data against its service's JSON schema, the same schema the
 * portal renders the form from: what the browser let through is checked again here. Defaults
 * of the schema are filled in.
 */
export class FormValidator {
  private readonly ajv = new Ajv({ allErrors: false, strict: false, useDefaults: true, coerceTypes: false });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  /** InputError when the schema itself is not valid JSON schema (for admins editing a service). */
  compile(schema: JsonSchemaObject): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.cache.get(key);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } catch (error) {
        throw new InputError(`formSchema: not a valid JSON schema (${(error as Error).message})`);
      }
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** The form data with defaults filled in; InputError naming the first wrong field. */
  validate(schema: JsonSchemaObject, formData: Record<string, unknown>): Record<string, unknown> {
    const data = structuredClone(formData);
    const validate = this.compile(schema);
    if (!validate(data)) {
      const error = validate.errors![0];
      throw new InputError(`${fieldOf(error)}: ${error.message ?? 'is not valid'}`);
    }
    return data;
  }
}
