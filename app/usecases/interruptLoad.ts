import { personRefs, snapshot, type ChatDeps, type PersonRef, type RotationInfo } from './context.js';
import { dutyRecord, type DutyLine } from './dutyRecord.js';
import { itemActivity, type ItemActivity } from './itemViews.js';

/**
 * The interrupt load (issue #12): what each person did besides being on duty — the duty checklist answered or
 * missed, the items opened, closed and carried over, the escalations — over the same window as `stats`' hours.
 */
export interface LoadFigures {
  dutiesDone: number;
  dutiesSkipped: number;
  dutiesMissed: number;
  /** Every item opened, escalations included (an escalation is an item too). */
  itemsOpened: number;
  itemsClosed: number;
  /** Items passed on at a handoff, counted for the holder who passed them on. */
  itemsCarried: number;
  escalations: number;
}

export interface MemberLoad {
  person: PersonRef;
  load: LoadFigures;
}

export interface RotationLoad {
  rotation: Pick<RotationInfo, 'id' | 'name' | 'timezone'>;
  /** The people asked for (the roster, in the caller's order), then anyone else who did something here. */
  members: MemberLoad[];
  /** Each duty and item once, also a duty two people shared and one missed before it reached anybody. */
  total: LoadFigures;
}

export const noLoad = (): LoadFigures => ({ dutiesDone: 0, dutiesSkipped: 0, dutiesMissed: 0, itemsOpened: 0, itemsClosed: 0, itemsCarried: 0, escalations: 0 });

/** True when nothing at all happened: the chat says "no duties or items yet" instead of a line of zeros. */
export const isIdle = (l: LoadFigures): boolean => Object.values(l).every((n) => n === 0);

/** Who a figure counts for, by e-mail: each occurrence or item event once per person. */
type Credit = { figure: keyof LoadFigures; people: string[] };

/**
 * Done and skipped count for whoever answered the card (or, without an actor, whoever has it); missed for the people
 * who had a copy (DutyLine.assignees). A card that reached alice and not bob is alice's miss; one Rota never sent, or
 * sent and Teams refused every copy, reached nobody: it counts in the total only.
 */
function dutyCredits(lines: DutyLine[]): Credit[] {
  const assigned = (l: DutyLine) => l.assignees.map((p) => p.email);
  return lines.flatMap((l): Credit[] => {
    if (l.status === 'done') return [{ figure: 'dutiesDone', people: l.actor ? [l.actor.email] : assigned(l) }];
    if (l.status === 'skipped') return [{ figure: 'dutiesSkipped', people: l.actor ? [l.actor.email] : assigned(l) }];
    if (l.status === 'missed') return [{ figure: 'dutiesMissed', people: assigned(l) }];
    return [];
  });
}

/** Opened by the opener, closed by the closer, carried by the holder who passed it on, escalations by who escalated. */
function itemCredits(a: ItemActivity): Credit[] {
  return [
    ...a.opened.map((i): Credit => ({ figure: 'itemsOpened', people: [i.openedBy.email] })),
    ...a.closed.map((i): Credit => ({ figure: 'itemsClosed', people: i.closedBy ? [i.closedBy.email] : [] })),
    ...a.carried.map((c): Credit => ({ figure: 'itemsCarried', people: [c.from.email] })),
    ...a.escalations.map((i): Credit => ({ figure: 'escalations', people: [i.openedBy.email] })),
  ];
}

/** One rotation's load over [from, to) at `now`; `roster` (e-mails) are listed even with nothing to their name. */
export async function rotationLoad(deps: ChatDeps, rotation: RotationInfo, roster: string[], from: number, to: number, now: number): Promise<RotationLoad> {
  const [lines, activity] = await Promise.all([dutyRecord(deps, rotation, from, to, now), itemActivity(deps, rotation.id, from, to)]);
  const credits = [...dutyCredits(lines), ...itemCredits(activity)];
  const total = noLoad();
  const byPerson = new Map<string, LoadFigures>(roster.map((e) => [e, noLoad()]));
  for (const c of credits) {
    total[c.figure] += 1;
    for (const e of new Set(c.people)) {
      if (!byPerson.has(e)) byPerson.set(e, noLoad());
      byPerson.get(e)![c.figure] += 1;
    }
  }
  const refs = await personRefs(deps.stores, [...byPerson.keys()]);
  return {
    rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone },
    members: [...byPerson].map(([e, load]) => ({ person: refs.get(e) ?? { email: e }, load })),
    total,
  };
}

/** Every rotation's load over [from, to) (the command line's `stats`); `rosterOf` says whom to list for each. */
export async function allRotationsLoad(deps: ChatDeps, from: number, to: number, now: number, rosterOf: (rotationId: string) => string[]): Promise<RotationLoad[]> {
  const { rotations } = await snapshot(deps);
  return Promise.all(rotations.map((r) => rotationLoad(deps, r, rosterOf(r.id), from, to, now)));
}
