/** An expected outcome as a value: either the result or every problem found. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; errors: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(errors: E): { ok: false; errors: E } {
  return { ok: false, errors };
}
