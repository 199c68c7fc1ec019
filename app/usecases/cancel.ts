import type { CancelEffect } from '../../db/changes/ChangeStore.js';
import type { StoredState } from '../../db/types.js';
import { changedAnywhere } from '../../rotation/changedStretches.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { changeItems, fromFile, involves, isAdminOf, ownersOf, type Cancelled, type ChangeItem, type MovedBack } from './changeItems.js';
import { describeItem } from './changeText.js';
import { nextLocalMidnight, parseChatTime } from './dates.js';
import { homeZone } from './question.js';
import { isAdmin, snapshot, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { isoInZone } from './format.js';
import { scheduleFromStored } from './state.js';
import { MS_PER_DAY as DAY } from '../../rotation/index.js';
import { emit } from './events.js';
import { cancelledEvent } from './webhookEvents.js';


/** Who cancels: a person in chat, or the CLI (an admin tool, so `admin`). */
export type { Cancelled, MovedBack } from './changeItems.js';

export interface CancelActor {
  email: string;
  now: number;
  source: 'chat' | 'cli';
  admin?: boolean;
}

async function openItems(deps: ChatDeps, now: number): Promise<{ snap: Snapshot; items: ChangeItem[] }> {
  const [snap, open] = await Promise.all([snapshot(deps), deps.stores.changes.openChanges(now)]);
  return { snap, items: changeItems(snap, open) };
}

/** Every chat-made change still in effect (`rota changes`), or only those of `member`. */
export async function listChanges(deps: ChatDeps, now: number, member?: string): Promise<ChangeItem[]> {
  const { items } = await openItems(deps, now);
  return items.filter((i) => !fromFile(i) && (!member || involves(i, member.toLowerCase())));
}

/**
 * `my changes` (or, for an admin, `changes @person`): the numbered list, remembered in the database so that
 * `cancel 2` means the second line of what was shown.
 */
export async function myChanges(deps: ChatDeps, actor: CancelActor, whose = actor.email): Promise<Outcome<{ whose: string; items: ChangeItem[] }>> {
  const { snap, items } = await openItems(deps, actor.now);
  if (whose !== actor.email && !snap.rotations.some((r) => isAdmin(r, actor.email))) {
    return fail(`Only admins can list someone else's changes; say my changes for yours.`);
  }
  const mine = items.filter((i) => !fromFile(i) && involves(i, whose) && mayCancel(snap, i, actor));
  await deps.stores.changes.saveShownList(actor.email, mine.map((i) => i.id), actor.now);
  return ok({ whose, items: mine });
}

/** `cancel 2` (a number from the asker's last list) or `cancel 3f9a1c` (a short id, or a whole id). */
export async function cancelChange(deps: ChatDeps, actor: CancelActor, ref: string): Promise<Outcome<Cancelled>> {
  const wanted = ref.trim().replace(/^#/, '').toLowerCase();
  if (!wanted) return fail(`Cancel what? Say my changes to see your changes with their numbers, then cancel 2.`);
  const byKind = /^(?:my |the )?(swap|cover|override)s?(?![\w-])\s*(.*)$/.exec(wanted);
  if (byKind) return cancelOfKind(deps, actor, byKind[1] === 'swap' ? 'swap' : 'cover', byKind[2]!);
  const { snap, items } = await openItems(deps, actor.now);
  if (/^\d{1,5}$/.test(wanted)) {
    const shown = await deps.stores.changes.shownList(actor.email);
    if (!shown) return fail(`Say my changes first: cancel ${wanted} means the line numbered ${wanted} there.`);
    const id = shown.ids[Number(wanted) - 1];
    if (!id) return fail(`Your list has ${shown.ids.length ? `1 to ${shown.ids.length}` : 'no changes'}; there is no ${wanted}.`);
    const item = items.find((i) => i.id === id);
    if (!item) return fail(`${wanted} is no longer in your list (cancelled or over); say my changes again.`);
    return cancelItem(deps, snap, actor, item);
  }
  const found = items.filter((i) => i.id.toLowerCase() === wanted || i.shortId === wanted);
  const lister = actor.source === 'cli' ? 'rota changes lists them' : 'say my changes to see yours';
  if (found.length === 0) return fail(`I know no change ${wanted} that is still in effect; ${lister}.`);
  if (found.length > 1) return fail(`${wanted} names ${found.length} changes; use the whole id (rota changes shows it).`);
  return cancelItem(deps, snap, actor, found[0]!);
}

/** `cancel time off`, `time off cancel`, `cancel my time off on 2026-12-07`: the asker's one time off (on that day). */
export function cancelTimeOff(deps: ChatDeps, actor: CancelActor, args: string): Promise<Outcome<Cancelled>> {
  return cancelOfKind(deps, actor, 'time off', args);
}

/** `cancel swap`, `cancel my cover on 2026-12-07`: the asker's one change of that kind (on that day), else the choice. */
async function cancelOfKind(deps: ChatDeps, actor: CancelActor, kind: ChangeItem['kind'], args: string): Promise<Outcome<Cancelled>> {
  const { snap, items } = await openItems(deps, actor.now);
  const zone = homeZone(snap, actor.email);
  let mine = items.filter((i) => i.kind === kind && involves(i, actor.email));
  const text = args.replace(/^(?:on|for|from)\s+/i, '').trim();
  if (text) {
    const t = parseChatTime(text, zone, actor.now);
    if (!t.ok) return t;
    const [from, to] = [t.value.instant, t.value.dateOnly ? nextLocalMidnight(t.value.instant, zone) : t.value.instant + 1];
    mine = mine.filter((i) => i.start < to && i.end > from);
  }
  const on = text ? ` on ${text}` : '';
  if (mine.length === 0) return fail(`You have no ${kind}${on} to cancel.`);
  if (mine.length > 1) {
    const lines = mine.map((i) => `\n- ${i.shortId}: ${describeItem(i)}`).join('');
    return fail(`You have ${mine.length} ${kind === 'time off' ? 'time off entries' : `${kind}s`}${on}; say which one: cancel <id>${lines}`);
  }
  return cancelItem(deps, snap, actor, mine[0]!);
}

function mayCancel(snap: Snapshot, item: ChangeItem, actor: CancelActor): boolean {
  return actor.admin === true || ownersOf(item).includes(actor.email) || isAdminOf(snap, item, actor.email);
}

function whoMay(item: ChangeItem, actor: CancelActor): string {
  switch (item.kind) {
    case 'time off':
      return `Only ${item.timeOff.member} or the admins of their rotations can cancel this time off.`;
    case 'cover':
      return `Only ${ownersOf(item).join(', ')} or ${item.rotation.name}'s admins can cancel this cover.`;
    case 'swap':
      return actor.email === item.swap.counterpart
        ? `Only ${item.swap.proposer} can withdraw this proposal; to say no, use Decline on the swap card.`
        : `Only ${ownersOf(item).join(' or ')} or ${item.rotation.name}'s admins can cancel this swap.`;
  }
}

async function cancelItem(deps: ChatDeps, snap: Snapshot, actor: CancelActor, item: ChangeItem): Promise<Outcome<Cancelled>> {
  if (fromFile(item)) return fail(`That comes from the rotation file; edit it there and run apply.`);
  if (!mayCancel(snap, item, actor)) return fail(whoMay(item, actor));
  const ctx = { actor: actor.email, source: actor.source, now: actor.now };
  const effect = await write(deps, item, ctx);
  if (!effect) return fail(`That was cancelled or ended in the meantime; say my changes again.`);
  await emit(deps, cancelledEvent(item, actor));
  deps.service.changed('cancel', { actor: actor.email, kind: item.kind, id: item.id, effect, ...(item.kind !== 'time off' ? { rotation: item.rotation.id } : {}) });
  const reverted = new Set(item.kind === 'swap' ? item.overrides.map((o) => o.id) : [item.id]);
  const after = scheduleWithout(snap.state, reverted, actor.now);
  const windowEnd = item.end + 28 * DAY;
  const stretches = changedAnywhere(snap.schedule, after, actor.now, windowEnd);
  const whole = stretches.filter((s) => s.end < windowEnd); // one cut by the window's end is not a whole stretch
  const moved = whole.map((s) => ({ ...s, rotation: snap.rotations.find((r) => r.id === s.rotation)! }));
  const tell = item.kind === 'swap' && item.swap.state === 'accepted' ? [item.swap.proposer, item.swap.counterpart].filter((e) => e !== actor.email) : [];
  return ok({ item, effect, moved, more: whole.length < stretches.length, tell });
}

async function write(deps: ChatDeps, item: ChangeItem, ctx: { actor: string; source: 'chat' | 'cli'; now: number }): Promise<CancelEffect | undefined> {
  switch (item.kind) {
    case 'time off':
      return deps.stores.changes.cancelTimeOff(item.id, { ...item.timeOff.spec, to: isoInZone(ctx.now, item.zone) }, ctx);
    case 'cover':
      return deps.stores.changes.cancelOverride(item.id, ctx);
    case 'swap': {
      if (item.swap.state !== 'proposed' && item.swap.state !== 'accepted') return undefined;
      const reverted = await deps.stores.changes.cancelSwap(item.id, item.swap.state, ctx);
      if (!reverted) return undefined;
      return reverted.some((r) => r.effect === 'ended') ? 'ended' : 'removed';
    }
  }
}

/** The schedule as it is once the rows in `ids` are removed (not started) or ended at `now` (started). */
function scheduleWithout(state: StoredState, ids: Set<string>, now: number): ScheduleInput {
  const cut = <T extends { id: string; start: number; end: number }>(rows: T[]): T[] =>
    rows.flatMap((r) => (!ids.has(r.id) ? [r] : r.start >= now ? [] : [{ ...r, end: now }]));
  return scheduleFromStored({ ...state, overrides: cut(state.overrides), timeOff: cut(state.timeOff) });
}
