import type { CancelEffect, OwnedOverride, OwnedTimeOff } from '../../db/changes/ChangeStore.js';
import type { SwapRecord } from '../../db/swaps/SwapStore.js';
import { nextShifts } from '../../rotation/index.js';
import { isAdmin, type RotationInfo, type Snapshot } from './context.js';

interface ItemBase {
  /** The row id (a swap's id for a swap). */
  id: string;
  /** What the chat and the CLI show and accept: the id's first characters after its prefix. */
  shortId: string;
  start: number;
  end: number;
  zone: string;
}

/** A change that can be taken back: time off, a cover (an override), or a swap with its two shifts. */
export type ChangeItem =
  | (ItemBase & { kind: 'time off'; timeOff: OwnedTimeOff })
  | (ItemBase & { kind: 'cover'; rotation: RotationInfo; override: OwnedOverride })
  | (ItemBase & { kind: 'swap'; rotation: RotationInfo; swap: SwapRecord; mine: Span; theirs: Span; overrides: OwnedOverride[] });

export type Span = { start: number; end: number };

const shortIdOf = (id: string): string => id.replace(/^(?:chat|swap|file)-/, '').slice(0, 6);

/**
 * Every change still in effect after `now`, file-made ones included (so a cancel of one can be refused by name),
 * sorted by start time, then id: the order `my changes` numbers.
 */
export function changeItems(snap: Snapshot, open: { overrides: OwnedOverride[]; timeOff: OwnedTimeOff[]; swaps: SwapRecord[] }): ChangeItem[] {
  const byId = new Map(snap.rotations.map((r) => [r.id, r]));
  const items: ChangeItem[] = [];
  for (const t of open.timeOff) {
    const zone = typeof t.spec.timezone === 'string' ? t.spec.timezone : snap.state.settings.timezone;
    items.push({ kind: 'time off', id: t.id, shortId: shortIdOf(t.id), start: t.start, end: t.end, zone, timeOff: t });
  }
  for (const o of open.overrides.filter((o) => o.origin !== 'swap')) {
    const rotation = byId.get(o.rotationId);
    if (rotation) items.push({ kind: 'cover', id: o.id, shortId: shortIdOf(o.id), start: o.start, end: o.end, zone: rotation.timezone, rotation, override: o });
  }
  for (const s of open.swaps) {
    const rotation = byId.get(s.rotationId);
    if (!rotation) continue;
    const overrides = open.overrides.filter((o) => o.swapId === s.id);
    if (s.state === 'accepted' && overrides.length === 0) continue; // both shifts are over: history
    const mine = spanOf(snap, s.rotationId, s.proposerShiftStart, overrides);
    const theirs = s.counterpartShiftStart !== undefined ? spanOf(snap, s.rotationId, s.counterpartShiftStart, overrides) : mine;
    const start = Math.min(mine.start, theirs.start);
    items.push({ kind: 'swap', id: s.id, shortId: shortIdOf(s.id), start, end: Math.max(mine.end, theirs.end), zone: rotation.timezone, rotation, swap: s, mine, theirs, overrides });
  }
  return items.sort((x, y) => x.start - y.start || x.id.localeCompare(y.id));
}

/** A swapped shift: its override when there is one, else the shift the rotation has at `start`. */
function spanOf(snap: Snapshot, rotationId: string, start: number, overrides: OwnedOverride[]): Span {
  const o = overrides.find((x) => x.start === start);
  if (o) return { start: o.start, end: o.end };
  const shift = nextShifts(snap.schedule, rotationId, start, { count: 1 })[0];
  return { start, end: shift && shift.start === start ? shift.end : start };
}

/** The people a change belongs to (who may take it back besides the admins). */
export function ownersOf(item: ChangeItem): string[] {
  switch (item.kind) {
    case 'time off':
      return [item.timeOff.member];
    case 'cover':
      return [...new Set([item.override.createdBy, item.override.member, ...(item.override.replaces ? [item.override.replaces] : [])])];
    case 'swap':
      return item.swap.state === 'accepted' ? [item.swap.proposer, item.swap.counterpart] : [item.swap.proposer];
  }
}

/** Admins of the rotation a change is in; for time off, of any rotation its member is in. */
export function isAdminOf(snap: Snapshot, item: ChangeItem, email: string): boolean {
  if (item.kind !== 'time off') return isAdmin(item.rotation, email);
  return snap.rotations.some((r) => r.def.members.includes(item.timeOff.member) && isAdmin(r, email)) || snap.state.settings.admins.includes(email);
}

/** True when the change is `email`'s: the asker's `my changes` list (a proposal is the proposer's until accepted). */
export const involves = (item: ChangeItem, email: string): boolean => ownersOf(item).includes(email);

export const fromFile = (item: ChangeItem): boolean =>
  (item.kind === 'time off' && item.timeOff.origin === 'file') || (item.kind === 'cover' && item.override.origin === 'file');

/** A stretch that changed hands because of the cancel: `before` had it, `after` has it again. */
export interface MovedBack {
  rotation: RotationInfo;
  start: number;
  end: number;
  before: string[];
  after: string[];
}

export interface Cancelled {
  item: ChangeItem;
  effect: CancelEffect;
  moved: MovedBack[];
  /** Shifts after the window shown changed hands too (time off moves the queue for good). */
  more: boolean;
  /** The other people of an accepted swap, to be told in a personal message. */
  tell: string[];
}
