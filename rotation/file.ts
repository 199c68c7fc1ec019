import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { checkRotationFile, warnRotationFile, type CheckInput } from './checkRotationFile.js';
import { fieldPath, type FieldError } from './fieldError.js';
import { fail, ok, type Result } from './result.js';
import { pinningWarnings } from './weekdayPinning.js';
import {
  combinedTagSchema,
  overrideSchema,
  rotationFileSchema,
  rotationSchema,
  timeOffSchema,
  zoneName,
  type FileOverride,
  type FileRotation,
  type FileTimeOff,
  type RotationFile,
} from './rotationFileSchema.js';

export type { RotationFile, FileRotation, FileOverride, FileTimeOff } from './rotationFileSchema.js';
export { formatFieldError, type FieldError } from './fieldError.js';
export type { Result } from './result.js';

/** Something allowed but probably not meant, named by its field like an error: `overrides[0].member`. */
export type FieldWarning = FieldError;

/** A validation's answer: the file or every error, and in both cases every warning. */
export type FileCheck = Result<RotationFile, FieldError[]> & { warnings: FieldWarning[] };

/**
 * Validates data already read from YAML or JSON. Reports every problem, not the first:
 * per-field errors from the schema, then the rules between fields run over every piece that
 * is well-formed on its own, so a typo in one rotation does not hide a cycle in another.
 */
export function validateRotationFile(data: unknown): FileCheck {
  // With the input reported, a value of the wrong type ("at: 915") is told apart from a missing one.
  const parsed = rotationFileSchema.safeParse(data, { reportInput: true });
  const errors = parsed.success ? [] : zodErrors(parsed.error.issues);
  const input = checkInput(data);
  errors.push(...checkRotationFile(input));
  const warnings = warnRotationFile(input);
  if (errors.length > 0 || !parsed.success) return { ...fail(errors), warnings };
  // A cycle that pins people to the same weekdays is only known once the whole file is valid.
  return { ...ok(parsed.data), warnings: [...warnings, ...pinningWarnings(parsed.data)] };
}

/** YAML text → a validated file. YAML syntax errors are FieldErrors too, with their line. */
export function parseRotationFile(text: string): FileCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const line = e.linePos?.[0]?.line;
      return { path: '', message: `YAML: ${e.message.split(' at line ')[0] ?? e.message}`, ...(line !== undefined ? { line } : {}) };
    });
    return { ...fail(errors), warnings: [] };
  }
  const result = validateRotationFile(doc.toJS());
  const warnings = result.warnings.map((w) => withLine(w, doc, lineCounter));
  if (result.ok) return { ...result, warnings };
  return { ...fail(result.error.map((e) => withLine(e, doc, lineCounter))), warnings };
}

/** A file as YAML that parseRotationFile reads back to the same value. */
export function stringifyRotationFile(file: RotationFile): string {
  const rotations = file.rotations.map((r) => dropUndefined({ ...r }));
  const out = dropUndefined({
    timezone: file.timezone,
    admins: file.admins,
    tags: file.tags?.map((t) => dropUndefined({ ...t })),
    webhooks: file.webhooks?.map((w) => dropUndefined({ ...w })),
    rotations,
    overrides: file.overrides?.map((o) => dropUndefined({ ...o })),
    timeOff: file.timeOff?.map((t) => dropUndefined({ ...t })),
  });
  // Each duty on one line, as the README and the example write them: a checklist reads down the times.
  const doc = new Document(out);
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'duties' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function zodErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: fieldPath([...issue.path, key]), message: 'unknown field' });
    } else if (issue.code === 'invalid_type' && issue.path.length === 0) {
      errors.push({ path: '', message: 'expected a rotation file: a mapping with `rotations` (and optionally `timezone`)' });
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      errors.push({ path: fieldPath(issue.path), message: 'required' });
    } else {
      errors.push({ path: fieldPath(issue.path), message: issue.message });
    }
  }
  return errors;
}

/** Collects the pieces that are valid on their own, for the rules between fields. */
function checkInput(data: unknown): CheckInput {
  const root = isRecord(data) ? data : {};
  const rawRotations = Array.isArray(root.rotations) ? root.rotations : [];
  const zone = zoneName.safeParse(root.timezone ?? 'UTC');
  const input: CheckInput = {
    timezone: zone.success ? zone.data : 'UTC',
    rotationIds: [],
    knownMembers: new Set(),
    rotations: [],
    overrides: [],
    timeOff: [],
  };
  const members = new Set<string>();
  const addMembers = (list: unknown) => {
    if (Array.isArray(list)) for (const m of list) if (typeof m === 'string') members.add(m.trim().toLowerCase());
  };
  rawRotations.forEach((raw, index) => {
    if (isRecord(raw)) {
      if (typeof raw.id === 'string') input.rotationIds.push({ index, id: raw.id });
      addMembers(raw.members);
    }
    const r = rotationSchema.safeParse(raw);
    if (r.success) input.rotations.push({ index, rotation: withZone(r.data, input.timezone) });
    else if (isRecord(raw) && Array.isArray(raw.members) && raw.members.every((m) => typeof m === 'string')) {
      const members = (raw.members as string[]).map((m) => m.trim().toLowerCase());
      const onDuty = typeof raw.onDuty === 'number' ? raw.onDuty : undefined;
      (input.looseRosters ??= []).push({ index, members, ...(onDuty !== undefined ? { onDuty } : {}) });
    }
  });
  input.knownMembers = members;
  eachValid(root.overrides, overrideSchema, (index, override: FileOverride) => input.overrides.push({ index, override }));
  eachValid(root.timeOff, timeOffSchema, (index, timeOff: FileTimeOff) => input.timeOff.push({ index, timeOff }));
  eachValid(root.tags, combinedTagSchema, (index, tag) => (input.tags ??= []).push({ index, tag }));
  return input;
}

function withZone(r: FileRotation, zone: string): FileRotation {
  return r.timezone === undefined ? { ...r, timezone: zone } : r;
}

function eachValid<T>(list: unknown, schema: z.ZodType<T>, use: (index: number, value: T) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((raw, index) => {
    const r = schema.safeParse(raw);
    if (r.success) use(index, r.data);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Adds the YAML line of the field (or its nearest existing parent) to an error. */
function withLine(error: FieldError, doc: Document, lineCounter: LineCounter): FieldError {
  const keys = pathKeys(error.path);
  for (let n = keys.length; n >= 0; n--) {
    const node = nodeAt(doc, keys.slice(0, n), n < keys.length ? keys[n] : undefined);
    if (node?.range) return { ...error, line: lineCounter.linePos(node.range[0]).line };
  }
  return error;
}

function pathKeys(path: string): Array<string | number> {
  const keys: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) keys.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return keys;
}

type Ranged = { range?: [number, number, number] | null };

/** The node at `keys`; for an unknown key the key node itself, found in its parent map. */
function nodeAt(doc: Document, keys: Array<string | number>, missing: string | number | undefined): Ranged | undefined {
  const node = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
  if (missing !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === missing);
    if (pair && isScalar(pair.key)) return pair.key as Ranged;
  }
  if (isScalar(node) || isMap(node) || isSeq(node)) return node as Ranged;
  return undefined;
}
