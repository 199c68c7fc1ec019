import type { NewOverride } from '../../db/types.js';
import { changedStretches, onDutyAt, segmentsBetween, MS_PER_DAY as DAY, type ChangedStretch } from '../../rotation/index.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { ctxOf, findPerson, isAdmin, snapshot, splitRotation, type Actor, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';
import { newDoubleBookings, type DoubleBooked } from './doubleBooked.js';
import { emit } from './events.js';
import { when } from './format.js';
import { parseTakeArgs } from './takeArgs.js';
import { overrideMade } from './webhookEvents.js';

export interface TakeResult {
  rotation: RotationInfo;
  /** The override written (a cover of the asker, from now, replacing `relieved`): `cancel` takes it back. */
  id: string;
  override: NewOverride;
  relieved: string;
  /** The stretches that changed hands. */
  changed: ChangedStretch[];
  /** Who this take puts on duty in two rotations at once (as `cover` warns). */
  doubleBooked: DoubleBooked[];
  /** The end asked for, when it lay past the relieved person's stretch: the take ends with the stretch instead. */
  askedUntil?: number;
}

/**
 * `take [rotation] [for 2h | until 18:00] [from <person>]`: the asker covers whoever is on duty now, from now (Opsgenie's
 * "oncall me"). By default until the end of the relieved person's current stretch; never past it (a longer cover is
 * `cover`: a longer `for`/`until` is cut at the stretch's end, and the answer says so). Only the rotation's members and admins may take. Nobody on duty now (an `hours` gap) is said, not covered
 * from the next start; two on duty (onDuty: 2) asks whom; the asker already on duty is told so.
 */
export async function take(deps: ChatDeps, actor: Actor, args: string, fromWhom?: string): Promise<Outcome<TakeResult>> {
  const snap = await snapshot(deps);
  const { rest, rotation: named } = splitRotation(snap, args);
  const chosen = named ? ok(named) : pickRotation(snap, actor);
  if (!chosen.ok) return chosen;
  const rotation = chosen.value;
  if (!rotation.def.members.some((m) => m.toLowerCase() === actor.email) && !isAdmin(rotation, actor.email)) {
    return fail(`Only ${rotation.name}'s members and admins can take its pager; you are neither. Ask one of its admins to add you.`);
  }
  const parsed = parseTakeArgs(rest, rotation.timezone, actor.now);
  if (!parsed.ok) return parsed;
  const onDuty = onDutyAt(snap.schedule, actor.now, rotation.id)[0]?.members ?? [];
  if (onDuty.includes(actor.email)) return fail(`You are already on duty in ${rotation.name}; nothing to take.`);
  if (onDuty.length === 0) {
    const next = segmentsBetween(snap.schedule, actor.now, actor.now + 8 * DAY).find((s) => s.rotation === rotation.id && s.members.length);
    const starts = next ? `; its next stretch starts ${when(next.start, rotation.timezone, actor.now)} (${next.members.join(', ')}): to cover that, use cover` : '';
    return fail(`Nobody is on duty in ${rotation.name} now, so there is no pager to take${starts}.`);
  }
  const whom = fromWhom ?? parsed.value.from;
  let relieved = onDuty.length === 1 ? onDuty[0]! : undefined;
  if (whom) {
    const p = fromWhom ? ok({ email: fromWhom.toLowerCase() }) : await findPerson(deps, snap, whom);
    if (!p.ok) return p;
    if (!onDuty.includes(p.value.email)) return fail(`${p.value.email} is not on duty in ${rotation.name} now (${onDuty.join(' and ')} ${onDuty.length === 1 ? 'is' : 'are'}).`);
    relieved = p.value.email;
  }
  if (!relieved) return fail(`${onDuty.join(' and ')} are on duty in ${rotation.name} now: whom do you relieve? Say take ${rotation.id} from ${onDuty[0]!.split('@')[0]}.`);
  const stretchEnd = endOfStretch(snap.schedule, rotation.id, relieved, actor.now);
  // Never past the relieved person's stretch (that would relieve the next person too, who is not asked): cut there, and said.
  const asked = parsed.value.until;
  const until = asked === undefined ? stretchEnd : Math.min(asked, stretchEnd);
  const override: NewOverride = { rotationId: rotation.id, start: actor.now, end: until, member: actor.email, replaces: relieved };
  const after: ScheduleInput = { ...snap.schedule, overrides: [...snap.schedule.overrides, { rotation: rotation.id, from: actor.now, to: until, member: actor.email, replaces: relieved }] };
  const { changed } = changedStretches(snap.schedule, after, rotation.id, actor.now, until);
  if (changed.length === 0) return fail(`Nothing would change in ${rotation.name}. Nothing was written.`);
  const doubleBooked = newDoubleBookings(snap.schedule, after, actor.now, until, snap.rotations);
  const id = await deps.stores.changes.addOverride(override, ctxOf(actor), 'take');
  deps.service.changed('take', { actor: actor.email, rotation: rotation.id, replaces: relieved, from: actor.now, to: until });
  await emit(deps, overrideMade(override, changed, id, actor));
  return ok({ rotation, id, override, relieved, changed, doubleBooked, ...(asked !== undefined && asked > stretchEnd ? { askedUntil: asked } : {}) });
}

/** The asker's rotations (member or admin) with someone on duty now: one is taken, several are asked about. */
function pickRotation(snap: Snapshot, actor: Actor): Outcome<RotationInfo> {
  const mine = snap.rotations.filter((r) => r.def.members.some((m) => m.toLowerCase() === actor.email) || isAdmin(r, actor.email));
  if (mine.length === 0) return fail(`You are in no rotation, so there is no pager for you to take. Name one: take ops.`);
  const busy = mine.filter((r) => (onDutyAt(snap.schedule, actor.now, r.id)[0]?.members ?? []).some((m) => m !== actor.email));
  if (busy.length === 1) return ok(busy[0]!);
  if (mine.length === 1) return ok(mine[0]!);
  return fail(`Which rotation? You are in ${mine.map((r) => `${r.id} (${r.name})`).join(', ')}: say take ${mine[0]!.id}.`);
}

/** Where the person's unbroken stretch on duty that includes `now` ends (adjacent segments that include them). */
function endOfStretch(schedule: ScheduleInput, rotationId: string, email: string, now: number): number {
  let end = now;
  for (const s of segmentsBetween(schedule, now, now + 60 * DAY).filter((g) => g.rotation === rotationId)) {
    if (s.start > end || !s.members.includes(email)) break;
    end = s.end;
  }
  return end;
}
