import { messageOf } from '../../rotation/messageOf.js';
import { GraphRequestError } from '../graph/GraphApi.js';
import { MAX_SCHEDULES, MAX_WINDOW_MS, type GraphClient } from '../graph/GraphClient.js';
import type { OofBlock } from './oofPlan.js';

export interface OofRead {
  blocks: OofBlock[];
  /** The members whose free/busy was read over the whole window (lower case). */
  read: Set<string>;
  errors: string[];
}

/** [start, end) cut into windows getSchedule takes (each shorter than 62 days). */
export function windowsOf(start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (let t = start; t < end; t += MAX_WINDOW_MS) out.push({ start: t, end: Math.min(end, t + MAX_WINDOW_MS) });
  return out;
}

/** The path user has no Exchange Online mailbox (404 MailboxNotEnabledForRESTAPI, or not found): ask as another. */
const noMailbox = (err: unknown) => err instanceof GraphRequestError && err.status === 404;

/**
 * The out-of-office blocks of `people` over `window`, within getSchedule's limits: chunks of MAX_SCHEDULES addresses
 * × windows of MAX_WINDOW_MS, one request each. An app-only token must name a user in the path: one of the chunk the
 * sync resolved to an Entra object id, the first, or the next when the one asked as has no mailbox (a 404). A block
 * that spans two windows comes back in both (an item is the whole event, not the part inside the window) and is kept
 * once. A person whose schedule fails (an address Exchange does not know, a refused request) is left out of `read`,
 * so their stored questions are not taken as gone; a chunk nobody is left to read in stops there.
 */
export async function readOutOfOffice(graph: GraphClient, people: Array<{ email: string; objectId?: string }>, window: { start: number; end: number }): Promise<OofRead> {
  const blocks = new Map<string, OofBlock>();
  const read = new Set(people.map((p) => p.email.toLowerCase()));
  const errors: string[] = [];
  for (let i = 0; i < people.length; i += MAX_SCHEDULES) {
    const chunk = people.slice(i, i + MAX_SCHEDULES);
    const asUsers = chunk.flatMap((p) => (p.objectId ? [p.objectId] : []));
    const failed = (why: string, who = chunk.map((p) => p.email)) => {
      for (const e of who) read.delete(e.toLowerCase());
      errors.push(`free/busy of ${who.join(', ')}: ${why}`);
    };
    if (asUsers.length === 0) {
      failed('none of them is resolved to an Entra user yet, and an app-only getSchedule names one in its path');
      continue;
    }
    let as = 0;
    for (const w of windowsOf(window.start, window.end)) {
      const left = chunk.map((p) => p.email).filter((e) => read.has(e.toLowerCase()));
      if (left.length === 0) break;
      try {
        for (const s of await askAs(graph, asUsers, as, chunk.map((p) => p.email), w, (next) => (as = next))) {
          const member = s.scheduleId.toLowerCase();
          if (!s.ok) {
            if (read.has(member)) failed(s.error, [member]);
            continue;
          }
          for (const item of s.items.filter((x) => x.status.toLowerCase() === 'oof')) blocks.set(`${member}|${item.start}|${item.end}`, { member, start: item.start, end: item.end });
        }
      } catch (err) {
        failed(messageOf(err), left);
      }
    }
  }
  return { blocks: [...blocks.values()], read, errors };
}

/** getSchedule as asUsers[from], then each next one while the one asked as has no mailbox; `moved` keeps the one that answered. */
async function askAs(graph: GraphClient, asUsers: string[], from: number, schedules: string[], w: { start: number; end: number }, moved: (at: number) => void) {
  for (let at = from; ; at++) {
    try {
      const got = await graph.schedulesOf(asUsers[at]!, schedules, w);
      moved(at);
      return got;
    } catch (err) {
      if (!noMailbox(err) || at + 1 >= asUsers.length) throw err;
    }
  }
}
