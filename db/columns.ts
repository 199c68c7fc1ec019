import type { z } from 'zod';

/** Where a stored value came from, for the error a bad row raises. */
export interface ColumnAt {
  table: string;
  column: string;
  /** The row's key as its table spells it (`ops@1767614400000` for a key of two columns). */
  id: string;
}

/**
 * A stored value without the shape Rota writes (a hand-edited row, a half-finished migration). It names the table,
 * the column and the row, so the person who reads it knows which row to look at.
 */
export class BadRowError extends Error {
  constructor(
    readonly at: ColumnAt,
    readonly problems: string,
  ) {
    super(`${at.table}.${at.column} of row ${at.id} is not what Rota writes: ${problems}`);
    this.name = 'BadRowError';
  }
}

/** A plain column (an enum such as `origin` or `state`) checked against its schema. */
export function column<S extends z.ZodType>(schema: S, value: unknown, at: ColumnAt): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new BadRowError(at, parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
}

/** A JSON text column: parsed, then checked against its schema. */
export function jsonColumn<S extends z.ZodType>(schema: S, text: string, at: ColumnAt): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRowError(at, 'not JSON');
  }
  return column(schema, value, at);
}
