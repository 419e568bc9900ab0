/** The parts of a zod issue a form needs. */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  input?: unknown;
}

type ParseResult =
  | { success: true }
  | { success: false; error: { issues: Issue[] } };

/** Zod's own messages ("Too small: expected string to have >=3 characters") read like a stack trace. */
const DEFAULT_MESSAGE = /^(Too small|Too big|Invalid input)/;

function describe(issue: Issue): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) {
    return issue.message;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return 'required';
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) === 1
      ? 'required'
      : `at least ${issue.minimum} characters`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `at most ${issue.maximum} characters`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') {
    return `pick at least ${issue.minimum}`;
  }
  return issue.message;
}

/**
 * The first problem of each field of a zod `safeParse` result, in words a form can show under
 * the field: the same rules the server applies, checked before the request is sent.
 */
export function fieldErrors(result: ParseResult): Record<string, string> {
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= describe(issue);
  }
  return errors;
}
