/**
 * An expected outcome as a value: the result, or why there is none. By default the failure is a sentence shown
 * to the person as it is (bad input, not allowed, nothing to do); the rotation file check fails with every
 * problem found (`Result<RotationFile, FieldError[]>`).
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/** A chat or CLI answer: the value, or an expected "no" in words. */
export type Outcome<T> = Result<T, string>;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E = string>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
