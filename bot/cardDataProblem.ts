import type { z } from 'zod';

/**
 * What is wrong with a card's data, for the person who clicked: each field that failed and what was expected
 * ("minutes: expected 15 or 60", "requestId: missing"). Never the value sent: a forged card's data is not echoed.
 */
export function cardDataProblem(error: z.ZodError, data: Record<string, unknown>): string {
  return error.issues.map((issue) => `${fieldOf(issue.path)}: ${expected(issue, valueAt(data, issue.path))}`).join('; ');
}

const fieldOf = (path: readonly PropertyKey[]): string => (path.length ? path.map(String).join('.') : 'the card');

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, p) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined), data);
}

const TYPES: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'a set of fields', array: 'a list' };

/** What the field should have been, from the zod issue (zod 4's issue codes). */
function expected(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined && issue.code !== 'custom') return 'missing';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map(String).join(' or ')}`;
    case 'invalid_union': {
      // A union of literals (`z.union([z.literal(15), z.literal(60)])`): the values it takes.
      const values = issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values.map(String) : []));
      return values.length ? `expected ${values.join(' or ')}` : 'not in any of the forms Rota reads';
    }
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? 'empty' : `expected at least ${issue.minimum}`;
    case 'too_big':
      return `expected at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}
