import { inputSpec, type InputSpec } from './inputs.js';

/** A readable terminal rendering of what the bot sends: text with @mentions, and Adaptive Cards as plain text. */

/** A button of a card: an Action.Execute (an `adaptiveCard/action` invoke) or an Action.Submit (a message with a value). */
export interface CardAction {
  title: string;
  kind: 'execute' | 'submit';
  verb?: string;
  data: Record<string, unknown>;
  /** The inputs the button gathers (the card's, and a ShowCard's own), filled by `/click N id=value`. */
  inputs: InputSpec[];
}

/** Registers a button of the card being rendered and answers the number it is pressed by. */
export type AddButton = (action: CardAction) => number;

type El = Record<string, unknown>;
const plain = (s: unknown) => String(s ?? '').replace(/<at>([^<]*)<\/at>/g, '@$1');
const list = (v: unknown): El[] => (Array.isArray(v) ? (v as El[]) : []);
const oneLine = (s: string) => s.replace(/\n/g, '\\n');

function hints(spec: InputSpec): string {
  switch (spec.type) {
    case 'Input.Text':
      return [
        spec.multiline ? 'text, \\n for a new line' : 'text',
        spec.maxLength ? `at most ${spec.maxLength} characters` : '',
        !spec.value && spec.placeholder ? `e.g. ${plain(spec.placeholder)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'Input.ChoiceSet':
      if (spec.people) return `people picker (${spec.people}): e-mail addresses or Entra object ids${spec.multi ? ', as a comma list' : ''}`;
      return spec.multi ? 'any of the choices, as a comma list' : 'one of the choices';
    case 'Input.Date':
    case 'Input.Time': {
      const format = spec.type === 'Input.Date' ? 'date YYYY-MM-DD' : 'time HH:MM';
      return [format, spec.min ? `from ${spec.min}` : '', spec.max ? `until ${spec.max}` : ''].filter(Boolean).join(', ');
    }
    case 'Input.Number':
      return ['number', spec.min !== undefined ? `at least ${spec.min}` : '', spec.max !== undefined ? `at most ${spec.max}` : ''].filter(Boolean).join(', ');
    case 'Input.Toggle':
      return `on (${spec.valueOn}) or off (${spec.valueOff})`;
  }
}

/** One input: `[id] Label: current value (what it takes)`, then its choices; `*` marks a required input. */
export function renderInput(spec: InputSpec): string[] {
  const shown =
    spec.type === 'Input.Toggle'
      ? `${spec.title && spec.title !== spec.label ? `${plain(spec.title)} ` : ''}${spec.value === spec.valueOn ? 'on' : 'off'}`
      : oneLine(plain(spec.value));
  const lines = [`[${spec.id}] ${plain(spec.label)}${spec.required ? ' *' : ''}:${shown ? ` ${shown}` : ''} (${hints(spec)})`];
  if (spec.type === 'Input.ChoiceSet' && !(spec.people && spec.choices.length === 0)) {
    const chosen = new Set(spec.multi ? spec.value.split(',').map((v) => v.trim()) : [spec.value]);
    const label = (c: { title: string; value: string }) => (c.title === c.value ? c.value : `${c.value} — ${plain(c.title)}`);
    if (spec.style === 'expanded') {
      for (const c of spec.choices) lines.push(`    ${spec.multi ? (chosen.has(c.value) ? '[x]' : '[ ]') : chosen.has(c.value) ? '(•)' : '( )'} ${label(c)}`);
    } else {
      lines.push(`    choices: ${spec.choices.map(label).join(' | ')}`);
    }
  }
  return lines;
}

interface Walk {
  lines: string[];
  inputs: InputSpec[];
  add: AddButton;
}

function tableLines(el: El): string[] {
  const rows = list(el.rows).map((r) => list(r.cells).map((c) => plain(list(c.items).map(textOf).join(' ')).trim()));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')}`.trimEnd());
}

function textOf(el: El): string {
  if (el.type === 'TextBlock') return plain(el.text);
  if (el.type === 'RichTextBlock') return list(el.inlines).map((i) => plain(typeof i === 'string' ? i : i.text)).join('');
  if (el.type === 'Image') return `[image${el.altText ? `: ${plain(el.altText)}` : ''}]`;
  return '';
}

const TEXTUAL = new Set(['TextBlock', 'RichTextBlock', 'Image']);

function element(el: El, w: Walk): void {
  if (el.isVisible === false) return;
  const spec = inputSpec(el);
  if (spec) {
    w.inputs.push(spec);
    w.lines.push(...renderInput(spec).map((l) => `  ${l}`));
    return;
  }
  switch (el.type) {
    case 'TextBlock':
      w.lines.push(el.weight === 'Bolder' && el.size === 'Large' ? `== ${plain(el.text)} ==` : plain(el.text));
      return;
    case 'RichTextBlock':
    case 'Image':
      w.lines.push(textOf(el));
      return;
    case 'FactSet':
      for (const f of list(el.facts)) w.lines.push(`  ${plain(f.title)}: ${plain(f.value)}`);
      return;
    case 'Table':
      w.lines.push(...tableLines(el));
      return;
    case 'ColumnSet': {
      const columns = list(el.columns);
      // Columns of text read as one line (a label and its value side by side); columns holding inputs stack.
      if (columns.every((c) => list(c.items).every((i) => TEXTUAL.has(String(i.type))))) {
        w.lines.push(columns.map((c) => list(c.items).map(textOf).join(' ')).filter(Boolean).join('   '));
      } else {
        for (const c of columns) for (const i of list(c.items)) element(i, w);
      }
      return;
    }
    case 'Container':
      for (const i of list(el.items)) element(i, w);
      return;
    case 'ActionSet':
      actions(list(el.actions), w, '');
      return;
    default:
      // An element this renderer does not know: its fallback if it has one (as a Teams client would).
      if (el.fallback && typeof el.fallback === 'object') element(el.fallback as El, w);
  }
}

function actions(items: El[], w: Walk, indent: string): void {
  for (const raw of items) {
    const a = raw.type === 'Action.Execute' || raw.type === 'Action.Submit' || raw.type === 'Action.OpenUrl' || raw.type === 'Action.ShowCard' ? raw : ((raw.fallback as El | undefined) ?? raw);
    const title = plain(a.title);
    const data = a.data && typeof a.data === 'object' ? (a.data as Record<string, unknown>) : {};
    if (a.type === 'Action.Execute' || a.type === 'Action.Submit') {
      const inputs = a.associatedInputs === 'none' ? [] : w.inputs;
      const n = w.add({ title, kind: a.type === 'Action.Execute' ? 'execute' : 'submit', ...(typeof a.verb === 'string' ? { verb: a.verb } : {}), data, inputs });
      w.lines.push(`${indent}  (${n}) ${title}`);
    } else if (a.type === 'Action.OpenUrl') {
      w.lines.push(`${indent}  ${title}: ${String(a.url ?? '')}`);
    } else if (a.type === 'Action.ShowCard' && a.card && typeof a.card === 'object') {
      // A ShowCard's buttons gather its own inputs and those of the card around it.
      const inner: Walk = { lines: [], inputs: [...w.inputs], add: w.add };
      const card = a.card as El;
      for (const el of list(card.body)) element(el, inner);
      actions(list(card.actions), inner, '');
      w.lines.push(`${indent}  ▸ ${title}:`, ...inner.lines.map((l) => `${indent}    ${l}`));
    }
  }
}

/** Renders a card; its buttons are registered through `add` and shown with their numbers. */
export function renderCard(card: Record<string, unknown>, add: AddButton): string {
  const w: Walk = { lines: [], inputs: [], add };
  for (const el of list(card.body)) element(el, w);
  actions(list(card.actions), w, '');
  return ['┌────', ...w.lines.map((l) => `│ ${l}`), '└────'].join('\n');
}

/** Text and cards of one activity. */
export function renderActivity(activity: Record<string, unknown>, add: AddButton): string {
  const parts: string[] = [];
  if (activity.text) parts.push(plain(activity.text));
  for (const a of list(activity.attachments)) {
    if (a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content && typeof a.content === 'object') parts.push(renderCard(a.content as El, add));
  }
  return parts.join('\n');
}
