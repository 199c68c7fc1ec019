/**
 * One problem in a rotation file. `path` names the field the way a person reads it
 * (`rotations[1].handoff`); `line` is the 1-based line in the YAML text when known.
 */
export type FieldError = { path: string; message: string; line?: number };

/** ['rotations', 1, 'handoff'] → `rotations[1].handoff` */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** `rotations[1].handoff: expected "Mon 12:00" or "09:00"` */
export function formatFieldError(e: FieldError): string {
  const where = e.path !== '' ? e.path : e.line !== undefined ? `line ${e.line}` : '(file)';
  return `${where}: ${e.message}`;
}
