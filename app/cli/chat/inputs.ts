import { ok, fail, type Outcome } from '../../../rotation/result.js';

/**
 * The Adaptive Card 1.5 inputs as the terminal chat shows and fills them. Properties follow the schema
 * (adaptivecards.io/explorer): every input has id, label, isRequired, errorMessage and a string `value`, except
 * Input.Number whose value is a number; Input.Text adds isMultiline, maxLength, regex and placeholder;
 * Input.ChoiceSet adds choices, isMultiSelect (its value is then a comma list) and style compact/expanded/filtered;
 * Input.Date and Input.Time take min and max as YYYY-MM-DD and HH:MM; Input.Toggle has a title and sends valueOn
 * ("true") or valueOff ("false").
 */
interface Common {
  id: string;
  label: string;
  value: string;
  required: boolean;
  errorMessage?: string;
}
export type InputSpec = Common &
  (
    | { type: 'Input.Text'; multiline: boolean; maxLength?: number; regex?: string; placeholder?: string }
    | { type: 'Input.ChoiceSet'; choices: Array<{ title: string; value: string }>; multi: boolean; style: 'compact' | 'expanded' | 'filtered'; people?: string }
    | { type: 'Input.Date' | 'Input.Time'; min?: string; max?: string }
    | { type: 'Input.Number'; min?: number; max?: number }
    | { type: 'Input.Toggle'; title: string; valueOn: string; valueOff: string }
  );

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The spec of a card element that is an input with an id; undefined for anything else. */
export function inputSpec(el: Record<string, unknown>): InputSpec | undefined {
  const id = str(el.id);
  if (!id) return undefined;
  const common: Common = {
    id,
    label: str(el.label) ?? str(el.title) ?? str(el.placeholder) ?? id,
    value: str(el.value) ?? '',
    required: el.isRequired === true,
    ...(str(el.errorMessage) ? { errorMessage: str(el.errorMessage)! } : {}),
  };
  const range = { ...(str(el.min) ? { min: str(el.min)! } : {}), ...(str(el.max) ? { max: str(el.max)! } : {}) };
  switch (el.type) {
    case 'Input.Text':
      return {
        ...common,
        type: 'Input.Text',
        multiline: el.isMultiline === true,
        ...(num(el.maxLength) ? { maxLength: num(el.maxLength)! } : {}),
        ...(str(el.regex) ? { regex: str(el.regex)! } : {}),
        ...(str(el.placeholder) ? { placeholder: str(el.placeholder)! } : {}),
      };
    case 'Input.ChoiceSet': {
      const choices = (Array.isArray(el.choices) ? el.choices : []).flatMap((c: unknown) => {
        const choice = c as Record<string, unknown>;
        const value = str(choice.value);
        return value === undefined ? [] : [{ value, title: str(choice.title) ?? value }];
      });
      const style = el.style === 'expanded' ? 'expanded' : el.style === 'filtered' ? 'filtered' : 'compact';
      // Teams' people picker: `choices.data` is a Data.Query whose dataset Teams searches ("People Picker in Adaptive
      // Cards"); the terminal has no directory, so anyone may be typed (an address or an Entra object id).
      const query = el['choices.data'] as { type?: unknown; dataset?: unknown } | undefined;
      const people = query?.type === 'Data.Query' ? str(query.dataset) : undefined;
      return { ...common, type: 'Input.ChoiceSet', choices, multi: el.isMultiSelect === true, style, ...(people ? { people } : {}) };
    }
    case 'Input.Date':
    case 'Input.Time':
      return { ...common, type: el.type, ...range };
    case 'Input.Number':
      return { ...common, type: 'Input.Number', ...(num(el.min) !== undefined ? { min: num(el.min)! } : {}), ...(num(el.max) !== undefined ? { max: num(el.max)! } : {}) };
    case 'Input.Toggle': {
      const valueOn = str(el.valueOn) ?? 'true';
      const valueOff = str(el.valueOff) ?? 'false';
      return { ...common, label: str(el.label) ?? str(el.title) ?? id, type: 'Input.Toggle', title: str(el.title) ?? '', valueOn, valueOff, value: str(el.value) ?? valueOff };
    }
    default:
      return undefined;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function realDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Why `value` does not fit `spec` (the field is named), or undefined when it fits. An empty value always fits here. */
function problem(spec: InputSpec, value: string): string | undefined {
  const field = `${spec.id} (${spec.label})`;
  if (value === '') return undefined;
  switch (spec.type) {
    case 'Input.Text':
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `${field}: at most ${spec.maxLength} characters, got ${value.length}`;
      if (spec.regex && !new RegExp(spec.regex).test(value)) return `${field}: expected text matching ${spec.regex}, got "${value}"`;
      return undefined;
    case 'Input.ChoiceSet': {
      if (spec.people) return undefined;
      const allowed = spec.choices.map((c) => c.value);
      const picked = spec.multi ? value.split(',').map((v) => v.trim()).filter(Boolean) : [value];
      const wrong = picked.filter((v) => !allowed.includes(v));
      if (wrong.length) return `${field}: expected ${spec.multi ? 'a comma list of' : 'one of'} ${allowed.join(', ')}; "${wrong.join(', ')}" is not one of them`;
      return undefined;
    }
    case 'Input.Date':
      if (!realDate(value)) return `${field}: expected a date as YYYY-MM-DD, such as 2026-03-09, got "${value}"`;
      if (spec.min && value < spec.min) return `${field}: expected ${spec.min} or later, got ${value}`;
      if (spec.max && value > spec.max) return `${field}: expected ${spec.max} or earlier, got ${value}`;
      return undefined;
    case 'Input.Time':
      if (!TIME.test(value)) return `${field}: expected a time as HH:MM (24 h), such as 09:00, got "${value}"`;
      if (spec.min && value < spec.min) return `${field}: expected ${spec.min} or later, got ${value}`;
      if (spec.max && value > spec.max) return `${field}: expected ${spec.max} or earlier, got ${value}`;
      return undefined;
    case 'Input.Number': {
      const n = /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
      if (Number.isNaN(n)) return `${field}: expected a number, got "${value}"`;
      if (spec.min !== undefined && n < spec.min) return `${field}: expected at least ${spec.min}, got ${n}`;
      if (spec.max !== undefined && n > spec.max) return `${field}: expected at most ${spec.max}, got ${n}`;
      return undefined;
    }
    case 'Input.Toggle':
      return value === spec.valueOn || value === spec.valueOff ? undefined : `${field}: expected on or off (${spec.valueOn} or ${spec.valueOff}), got "${value}"`;
  }
}

const TOGGLE_WORDS: Record<string, boolean> = { on: true, yes: true, true: true, off: false, no: false, false: false };

/** What the person typed, in the form the input submits: a toggle's on/off becomes valueOn/valueOff, a comma list loses its spaces. */
function normalise(spec: InputSpec, typed: string): string {
  if (spec.type === 'Input.Toggle' && typed !== spec.valueOn && typed !== spec.valueOff) {
    const word = TOGGLE_WORDS[typed.toLowerCase()];
    if (word !== undefined) return word ? spec.valueOn : spec.valueOff;
  }
  if (spec.type === 'Input.ChoiceSet' && spec.multi) return typed.split(',').map((v) => v.trim()).filter(Boolean).join(',');
  if (spec.type === 'Input.Number') return typed.trim();
  return typed;
}

/**
 * The values a click submits, as Teams gathers them: every input's current value (its `value` unless typed anew),
 * as strings, leaving out the empty ones; refused with the field named when a value does not fit its input or a
 * required input is empty.
 */
export function fillInputs(specs: InputSpec[], typed: Array<[string, string]>): Outcome<Record<string, string>> {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const values = new Map(specs.map((s) => [s.id, s.value]));
  for (const [id, raw] of typed) {
    const spec = byId.get(id);
    if (!spec) return fail(`This card has no field "${id}"; its fields are ${specs.map((s) => s.id).join(', ') || 'none'}.`);
    values.set(id, normalise(spec, raw));
  }
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const value = values.get(spec.id) ?? '';
    const wrong = problem(spec, value);
    if (wrong) return fail(wrong);
    const empty = value === '' || (spec.type === 'Input.Toggle' && spec.required && value !== spec.valueOn);
    if (spec.required && empty) return fail(spec.errorMessage ? `${spec.id} (${spec.label}): ${spec.errorMessage}` : `${spec.id} (${spec.label}) is required; give it as ${spec.id}=…`);
    if (value !== '') out[spec.id] = value;
  }
  return ok(out);
}

/**
 * `/click N field=value field2=two words field3="a=b" …`: the button number and the typed fields. A value runs to the
 * next ` name=` unless it is in double quotes; `\n` in a value is a new line.
 */
export function parseClick(line: string): Outcome<{ n: number; fields: Array<[string, string]> }> {
  const m = /^\/click\s+(\d+)(?:\s+(.*))?$/s.exec(line.trim());
  if (!m) return fail('Say /click N to press button N, with field=value for the card\'s fields: /click 1 notes=All quiet');
  let rest = m[2] ?? '';
  const fields: Array<[string, string]> = [];
  while (rest.trim()) {
    const key = /^\s*([\w.-]+)=/.exec(rest);
    if (!key) return fail(`I could not read "${rest.trim()}" as field=value; quote a value that holds spaces before an = sign: notes="a = b"`);
    rest = rest.slice(key[0].length);
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    const plain = /^(.*?)(?=\s+[\w.-]+=|$)/s.exec(rest)!;
    const raw = quoted ? quoted[1]!.replace(/\\"/g, '"') : plain[1]!.trim();
    rest = rest.slice((quoted ?? plain)[0].length);
    fields.push([key[1]!, raw.replace(/\\n/g, '\n')]);
  }
  return ok({ n: Number(m[1]), fields });
}
