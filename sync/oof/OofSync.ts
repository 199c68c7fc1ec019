import type { Logger } from 'pino';
import type { OofStore } from '../../db/oof/OofStore.js';
import type { StoredState } from '../../db/types.js';
import { messageOf } from '../../rotation/messageOf.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import type { GraphClient } from '../graph/GraphClient.js';
import type { Identities } from '../identities.js';
import { planOof } from './oofPlan.js';
import { readOutOfOffice } from './readOof.js';

/** What the sync report says of out-of-office blocks. */
export interface OofReport {
  /** Members whose free/busy was read. */
  read: number;
  /** Questions stored this run (the bot asks them from its minute tick). */
  asked: number;
  expired: number;
  errors: string[];
  /** Why nothing was read (a dry-run). */
  note?: string;
}

/** A dry-run reads nothing from Graph (with credentials or without), so it finds no blocks and expires nothing. */
export const OOF_DRY_RUN_NOTE = 'dry-run: free/busy (out of office) is not read, so no new questions are found';

export interface OofSyncInput {
  state: StoredState;
  schedule: ScheduleInput;
  people: Identities;
  now: number;
  horizonMs: number;
}

/**
 * Out-of-office blocks that cover coming shifts, as questions for the bot to ask: read (getSchedule, for the members
 * with a stretch on duty before the horizon) → plan (planOof: which are new, which have gone) → apply (store them;
 * the minute tick sends the cards). Rota never changes the schedule here. A failure is reported, never thrown: the
 * rest of the sync does not depend on it.
 */
export async function syncOutOfOffice(graph: GraphClient | undefined, store: OofStore | undefined, log: Logger, input: OofSyncInput): Promise<OofReport | undefined> {
  if (!store) return undefined;
  if (!graph) return { read: 0, asked: 0, expired: 0, errors: [], note: OOF_DRY_RUN_NOTE };
  const { state, schedule, now, horizonMs } = input;
  try {
    const coming = segmentsBetween(schedule, now, now + horizonMs).filter((s) => s.end > now);
    const members = [...new Set(coming.flatMap((s) => s.members.map((m) => m.toLowerCase())))].sort();
    const people = members.map((email) => ({ email, ...(input.people.ids.get(email) ? { objectId: input.people.ids.get(email)!.objectId } : {}) }));
    const got = await readOutOfOffice(graph, people, { start: now, end: now + horizonMs });
    const rotations = state.rotations.map((r) => ({ id: r.id, name: r.name, timezone: r.timezone }));
    // Every open question too: someone whose shift moved away has no coming stretch, but their question must expire.
    const stored = new Map([...(await store.ofMembers(members)), ...(await store.open())].map((s) => [s.id, s]));
    const plan = planOof({ blocks: got.blocks, read: got.read, coming, rotations, timeOff: schedule.timeOff, stored: [...stored.values()], now });
    const asked = await store.add(plan.add, now);
    let expired = 0;
    for (const e of plan.expire) if (await store.expire(e.id, e.why, now)) expired++;
    if (got.errors.length) log.warn({ errors: got.errors }, 'out-of-office: some free/busy could not be read; tried again at the next reconcile');
    if (asked || expired) log.info({ asked, expired }, 'out-of-office questions found');
    return { read: got.read.size, asked, expired, errors: got.errors };
  } catch (err) {
    log.error({ err }, 'out-of-office reading failed; tried again at the next reconcile');
    return { read: 0, asked: 0, expired: 0, errors: [messageOf(err)] };
  }
}
