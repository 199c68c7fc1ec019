import type { Change, StoredState } from '../../db/types.js';
import { canonicalJson } from '../../db/rotations/canonicalJson.js';
import { AT_ONCE_FIELDS } from '../usecases/dutySince.js';
import { zonedShort } from '../usecases/format.js';

/** What a rotation looked like before and after, to put a `rotation.updated` change into words. */
export interface ChangeWordsContext {
  before: StoredState;
  /** Each rotation's definition as the file asks for it. */
  after: Map<string, Record<string, unknown>>;
  zoneOf: (rotationId: string | undefined) => string;
}

/**
 * `apply`'s answer in words, one line per rotation and a counted list per kind:
 *   ops: members + erin@contoso.com, − bob@contoso.com; handoff Mon 12:00 → Tue 09:00 from Mon 7 Dec 2026 12:00 CET
 *   overrides: 1 added, 1 removed
 *     + ops: carol@contoso.com for alice@contoso.com, Mon 7 Dec 2026 12:00 CET → Wed 9 Dec 2026 12:00 CET
 */
export function describeChanges(changes: Change[], ctx: ChangeWordsContext): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    if (c.action === 'settings.updated') lines.push(`settings: ${settingsWords(ctx.before.settings, c.settings)}`);
    else if (c.action === 'rotation.created') lines.push(`${c.rotationId}: new rotation`);
    else if (c.action === 'rotation.archived') lines.push(`${c.rotationId}: archived (no longer in the file; its history stays)`);
    else if (c.action === 'rotation.updated') lines.push(rotationWords(c, ctx));
  }
  lines.push(...listed('overrides', changes, ctx));
  lines.push(...listed('time off', changes, ctx));
  return lines;
}

function settingsWords(before: StoredState['settings'], after: StoredState['settings']): string {
  const parts: string[] = [];
  if (before.timezone !== after.timezone) parts.push(`timezone ${before.timezone} → ${after.timezone}`);
  const admins = listDiff(before.admins, after.admins);
  if (admins) parts.push(`admins ${admins}`);
  const tags = entriesDiff(before.tags ?? [], after.tags ?? [], tagWords);
  if (tags) parts.push(`tags ${tags}`);
  const webhooks = entriesDiff(before.webhooks ?? [], after.webhooks ?? [], webhookWords);
  if (webhooks) parts.push(`webhooks ${webhooks}`);
  return parts.join('; ') || 'rewritten (same values)';
}

/** "+ a, − b": entries added and removed, each in words (an edited one is one out, one in); "reordered" when only the order moved. */
function entriesDiff<T>(before: readonly T[], after: readonly T[], words: (entry: T) => string): string {
  const key = (e: T) => canonicalJson(e);
  const was = new Set(before.map(key));
  const is = new Set(after.map(key));
  const parts = [...after.filter((e) => !was.has(key(e))).map((e) => `+ ${words(e)}`), ...before.filter((e) => !is.has(key(e))).map((e) => `− ${words(e)}`)];
  if (parts.length === 0 && before.map(key).join() !== after.map(key).join()) return 'reordered';
  return parts.join(', ');
}

/** `00000000-…/ops-oncall for ops+dev (next, with shadows)` */
function tagWords(t: NonNullable<StoredState['settings']['tags']>[number]): string {
  const how = [t.who === 'next' ? 'next' : '', t.shadows ? 'with shadows' : ''].filter(Boolean).join(', ');
  return `${t.team}/${t.name} for ${t.rotations.join('+')}${how ? ` (${how})` : ''}`;
}

/**
 * `https://prod-12.westeurope.logic.azure.com/workflows/abc (handoff, duty; ops only; signed by env:ROTA_FLOW_SECRET)`:
 * the URL without its query (a Power Automate or Logic Apps URL carries its signature there) or any user info; the
 * secret by the name of its variable, never its value.
 */
function webhookWords(w: NonNullable<StoredState['settings']['webhooks']>[number]): string {
  const url = new URL(w.url);
  const details = [w.events.join(', '), w.rotations ? `${w.rotations.join('+')} only` : '', w.secret ? `signed by ${w.secret}` : ''].filter(Boolean);
  return `${url.origin}${url.pathname} (${details.join('; ')})`;
}

/** "ops: members + erin from Mon 7 Dec 2026 12:00 CET; duties + "Thu 18:00 …" at once": duties and checks do not wait (AT_ONCE_FIELDS). */
function rotationWords(c: Extract<Change, { action: 'rotation.updated' }>, ctx: ChangeWordsContext): string {
  const before: Record<string, unknown> = ctx.before.rotations.find((r) => r.id === c.rotationId)?.versions.at(-1)?.definition ?? {};
  const after = ctx.after.get(c.rotationId) ?? {};
  const words = (fields: string[]) => fields.map((field) => fieldWords(field, before[field], after[field])).join('; ');
  const scheduled = c.fields.filter((f) => !AT_ONCE_FIELDS.includes(f));
  const atOnce = c.fields.filter((f) => AT_ONCE_FIELDS.includes(f));
  const from = `from ${zonedShort(c.effectiveFrom, ctx.zoneOf(c.rotationId))}`;
  const said = [...(scheduled.length || !atOnce.length ? [`${words(scheduled) || 'unarchived'} ${from}`] : []), ...(atOnce.length ? [`${words(atOnce)} at once`] : [])];
  return `${c.rotationId}: ${said.join('; ')}`;
}

function fieldWords(field: string, before: unknown, after: unknown): string {
  if (field === 'duties') return `duties ${dutiesDiff(dutyList(before), dutyList(after))}`;
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((m) => typeof m === 'string')) {
    return `${field} ${listDiff(before as string[], after as string[]) || 'reordered'}`;
  }
  return `${field} ${shown(before)} → ${shown(after)}`;
}

/**
 * "+ erin, − bob" (in the new order), with ", reordered" when those in both stand in another order (for `members` the
 * queue then follows the new order), or "" when both hold the same names in the same order.
 */
function listDiff(before: string[], after: string[]): string {
  const added = after.filter((m) => !before.includes(m)).map((m) => `+ ${m}`);
  const removed = before.filter((m) => !after.includes(m)).map((m) => `− ${m}`);
  const stay = (list: string[], other: string[]) => list.filter((m) => other.includes(m)).join('\u0000');
  const reordered = stay(before, after) !== stay(after, before) ? ['reordered'] : [];
  return [...added, ...removed, ...reordered].join(', ');
}

type DutyWords = { at: string; task: string; link?: string; post?: string };

function dutyList(value: unknown): DutyWords[] {
  return Array.isArray(value) ? (value as DutyWords[]) : [];
}

/**
 * `+ "Thu 18:00 Push the release candidate", − "Sat 08:00 Release day", "Mon-Fri 09:15 Check the backups" link (none)
 * → https://…`: a duty is its time and task (its id, rotation/duties.ts), so a new time or task is one out, one in.
 */
function dutiesDiff(before: DutyWords[], after: DutyWords[]): string {
  const name = (d: DutyWords) => `"${d.at} ${d.task}"`;
  const same = (a: DutyWords) => (b: DutyWords) => a.at === b.at && a.task === b.task;
  const parts: string[] = [];
  for (const d of after) {
    const old = before.find(same(d));
    if (!old) parts.push(`+ ${name(d)}`);
    else for (const key of ['link', 'post'] as const) if (old[key] !== d[key]) parts.push(`${name(d)} ${key} ${shown(old[key])} → ${shown(d[key])}`);
  }
  for (const d of before) if (!after.some(same(d))) parts.push(`− ${name(d)}`);
  return parts.join(', ') || 'reordered';
}

function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : canonicalJson(value);
}

function listed(kind: 'overrides' | 'time off', changes: Change[], ctx: ChangeWordsContext): string[] {
  const rows: Array<{ sign: '+' | '−'; text: string }> = [];
  for (const c of changes) {
    if (kind === 'overrides' && (c.action === 'override.added' || c.action === 'override.removed')) {
      const o = c.override;
      const zone = ctx.zoneOf(o.rotationId);
      const who = o.replaces ? `${o.member} for ${o.replaces}` : o.member;
      rows.push({ sign: c.action === 'override.added' ? '+' : '−', text: `${o.rotationId}: ${who}, ${zonedShort(o.start, zone)} → ${zonedShort(o.end, zone)}` });
    }
    if (kind === 'time off' && (c.action === 'timeoff.added' || c.action === 'timeoff.removed')) {
      const t = c.timeOff;
      const zone = ctx.zoneOf(undefined);
      rows.push({ sign: c.action === 'timeoff.added' ? '+' : '−', text: `${t.member}, ${zonedShort(t.start, zone)} → ${zonedShort(t.end, zone)}` });
    }
  }
  if (rows.length === 0) return [];
  const added = rows.filter((r) => r.sign === '+').length;
  const removed = rows.length - added;
  const counts = [added ? `${added} added` : '', removed ? `${removed} removed` : ''].filter(Boolean).join(', ');
  return [`${kind}: ${counts}`, ...rows.map((r) => `  ${r.sign} ${r.text}`)];
}
