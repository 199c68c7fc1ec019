import { z } from 'zod';
import type { AuditedChange } from '../../db/notices/NoticeStore.js';

/**
 * One change of a run as the notice plan sees it: whose change it is (`parties`: its actor; both parties of a swap;
 * the taker and the relieved person of a `take`, who is told by take's own message) and whose shifts it can have
 * moved (`touches`: the people it names, or anyone — a roster edit, time off, an override with no `replaces`).
 */
export interface ChangeParties {
  parties: Set<string>;
  touches: Set<string> | 'anyone';
}

/** The audit actions that move shifts; the others (reminders, duties, items, a swap proposed) change nobody's shifts. */
const MOVING = [/^rotation\./, /^override\./, /^timeoff\./, /^settings\./, /^swap\.(?:accepted|cancelled)$/];

const Named = z.object({ member: z.string(), replaces: z.string().optional() });
/** override.added / override.removed (db/changes/KnexChangeStore.ts): `{ override: { id, rotationId, start, end, member, replaces? } }`; `via: 'take'` when take wrote it. */
const OverrideDetail = z.object({ override: Named.extend({ start: z.number() }).passthrough(), via: z.string().optional() }).passthrough();
/** swap.accepted: the overrides it wrote, naming both parties. */
const SwapAccepted = z.object({ overrides: z.array(Named.passthrough()) }).passthrough();
/** swap.cancelled: the swap's id (its parties are looked up by the job). */
export const SwapCancelled = z.object({ swap: z.string() }).passthrough();

const lower = (xs: Array<string | undefined>) => new Set(xs.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()));

/**
 * Each change of the run that moves shifts, with its parties (see ChangeParties). A take's override is told by take's
 * own message to the relieved person: it is recognised by `via: 'take'` in its audit detail (take.ts writes it). A
 * plain `cover` tells nobody, so the covered person is not its party.
 * `swapParties`: a cancelled swap's two parties by its id (the cancel tells the other party itself).
 */
export function changeParties(changes: readonly AuditedChange[], swapParties: ReadonlyMap<string, string[]> = new Map()): ChangeParties[] {
  const out: ChangeParties[] = [];
  for (const c of changes.filter((c) => MOVING.some((re) => re.test(c.action)))) {
    const actor = c.actor.toLowerCase();
    if (c.action === 'swap.accepted') {
      const d = SwapAccepted.safeParse(c.detail);
      const named = d.success ? lower(d.data.overrides.flatMap((o) => [o.member, o.replaces])) : new Set<string>();
      out.push({ parties: new Set([actor, ...named]), touches: d.success ? named : 'anyone' });
    } else if (c.action === 'swap.cancelled') {
      const d = SwapCancelled.safeParse(c.detail);
      const both = d.success ? (swapParties.get(d.data.swap) ?? []) : [];
      out.push(both.length ? { parties: lower([actor, ...both]), touches: lower(both) } : { parties: new Set([actor]), touches: 'anyone' });
    } else if (c.action.startsWith('override.')) {
      const d = OverrideDetail.safeParse(c.detail);
      if (!d.success || !d.data.override.replaces) {
        out.push({ parties: new Set([actor]), touches: 'anyone' });
        continue;
      }
      const o = d.data.override;
      const take = d.data.via === 'take';
      out.push({ parties: take ? lower([actor, o.replaces]) : new Set([actor]), touches: lower([o.member, o.replaces]) });
    } else out.push({ parties: new Set([actor]), touches: 'anyone' });
  }
  return out;
}

/** Left out of the run's notices: someone whose shifts only changes of their own (as a party) can have moved. */
export function ownChangesOnly(person: string, changes: readonly ChangeParties[]): boolean {
  const relevant = changes.filter((c) => c.touches === 'anyone' || c.touches.has(person));
  return relevant.length > 0 && relevant.every((c) => c.parties.has(person));
}
