import type { DutyRun } from '../../db/duties/DutyStore.js';
import type { BotPost } from '../../db/posts/PostStore.js';
import type { Stores } from '../../db/stores.js';
import { MS_PER_DAY as DAY } from '../../rotation/index.js';
import { CheckDetail, ChannelPostDetail, EVENING_CHECK, EVENING_STATUS, EVENING_UNANSWERED, MORNING_CHECK } from '../usecases/checkPosts.js';
import { DutyCardData } from '../usecases/dutyCardData.js';
import { isoInZone } from '../usecases/format.js';
import { oofRangeText } from '../usecases/oofText.js';

/** A post's own time to the second, as the table shows the duty and check times (those are whole minutes). */
const toSecond = (instant: number) => Math.floor(instant / 1000) * 1000;

/** How far back `rota status` looks for work Rota could not deliver. */
export const UNDELIVERED_WINDOW_MS = 7 * DAY;

export type UndeliveredKind = 'duty' | 'morning-check' | 'evening-check' | 'evening-check-status' | 'evening-check-unanswered' | 'escalation' | 'item-notice' | 'shift-moved' | 'oof-question';

/** One thing of the duty work (issue #12) that did not reach whom it was for, as `rota status` lists it. */
export interface UndeliveredWork {
  kind: UndeliveredKind;
  rotation: string;
  /** The duty's task, the item, or which post of a check. */
  what: string;
  /** When it was due (a duty, a check) or tried (a post), ISO in the rotation's zone. */
  at: string;
  /** Who (by e-mail) or where ("channel <id>") it did not reach. */
  to: string[];
  reason: string;
  /** A duty never sent: Rota was not running at its time or within the catch-up window after. */
  missed?: true;
}

type Reading = Pick<Stores, 'duties' | 'posts' | 'rotations' | 'items'> & Partial<Pick<Stores, 'notices' | 'oof'>>;
type Dated = UndeliveredWork & { instant: number };

const NO_REASON = 'no reason was recorded';
/** An item's text as the table shows it: one line, at most 50 characters. */
const cut = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 50 ? `${line.slice(0, 49)}…` : line;
};
const reasonOf = (post: BotPost) => (typeof post.detail.reason === 'string' ? post.detail.reason : NO_REASON);

/**
 * Everything of the duty work Rota could not deliver in the last UNDELIVERED_WINDOW_MS before `now`, oldest first:
 * duty cards undelivered (to nobody, or to some of those on duty) or never sent, checks that missed someone, and
 * the channel posts of checks and escalations and the item notices that ended undelivered.
 */
export async function undeliveredWork(stores: Reading, now: number): Promise<UndeliveredWork[]> {
  const since = now - UNDELIVERED_WINDOW_MS;
  const zones = new Map((await stores.rotations.load()).rotations.map((r) => [r.id, r.timezone]));
  const rows = [...(await undeliveredDuties(stores, [...zones.keys()], since, now)), ...(await undeliveredPosts(stores, zones, since)), ...(await undeliveredNotices(stores, zones, since)), ...(await undeliveredOof(stores, since, now))];
  return rows
    .filter((r) => r.instant > since && r.instant <= now)
    .sort((a, b) => a.instant - b.instant || a.kind.localeCompare(b.kind) || a.rotation.localeCompare(b.rotation))
    .map(({ instant: _, ...row }) => row);
}

/**
 * Duty runs undelivered or missed. A rotation's runs come by rotation; the undelivered ones of a rotation no longer
 * in use (archived) are still found through the retry query, which spans every rotation.
 */
async function undeliveredDuties(stores: Reading, rotations: string[], since: number, now: number): Promise<Dated[]> {
  const byRotation = await Promise.all(rotations.map((id) => stores.duties.runsBetween(id, since, now + 1)));
  const runs = new Map([...byRotation.flat(), ...(await stores.duties.undeliveredRuns(since, now))].map((r) => [r.key, r]));
  return [...runs.values()].flatMap((run) => (run.state === 'undelivered' || run.state === 'missed' ? [dutyRow(run)] : []));
}

function dutyRow(run: DutyRun): Dated {
  const d = DutyCardData.safeParse(run.detail);
  const zone = d.success ? d.data.rotation.timezone : 'UTC';
  const at = d.success ? d.data.occurrence.at : run.dueAt;
  const reached = new Set(run.copies.flatMap((c) => (c.to ? [c.to] : [])));
  const channel = d.success && d.data.occurrence.post === 'channel' ? [d.data.channel ? `channel ${d.data.channel.id}` : 'the channel'] : undefined;
  const to = run.state === 'missed' ? run.assignees : (channel ?? run.assignees.filter((e) => !reached.has(e)));
  return {
    kind: 'duty', rotation: run.rotationId, what: d.success ? d.data.occurrence.task : run.key, at: isoInZone(at, zone), instant: at, to,
    reason: run.note ?? NO_REASON, ...(run.state === 'missed' ? { missed: true as const } : {}),
  };
}

async function undeliveredPosts(stores: Reading, zones: Map<string, string>, since: number): Promise<Dated[]> {
  const inState = (kind: string, state: 'undelivered' | 'posted') => stores.posts.postsIn(kind, state, { after: since });
  const [mornings, evenings, morningsPosted, eveningsPosted, statuses, unanswered, escalations, notices] = await Promise.all([
    inState(MORNING_CHECK, 'undelivered'), inState(EVENING_CHECK, 'undelivered'), inState(MORNING_CHECK, 'posted'), inState(EVENING_CHECK, 'posted'),
    inState(EVENING_STATUS, 'undelivered'), inState(EVENING_UNANSWERED, 'undelivered'), inState('escalation', 'undelivered'), inState('item-notice', 'undelivered'),
  ]);
  const zoneOf = (post: BotPost) => zones.get(post.rotationId ?? '') ?? 'UTC';
  return [
    ...[...mornings, ...evenings, ...morningsPosted, ...eveningsPosted].flatMap(checkRows),
    ...(await Promise.all([...statuses, ...unanswered].map((p) => channelRow(stores, p)))).flat(),
    ...(await Promise.all(escalations.map((p) => escalationRow(stores, p, zoneOf(p))))),
    ...notices.map((p) => noticeRow(p, zoneOf(p))),
  ];
}

/** A check undelivered to all its recipients is one row; a check posted to some is one row per person it missed. */
function checkRows(post: BotPost): Dated[] {
  const d = CheckDetail.safeParse(post.detail);
  if (!d.success) return [];
  const { rotation, at } = d.data;
  const kind: UndeliveredKind = d.data.kind === 'morning' ? 'morning-check' : 'evening-check';
  const base = { kind, rotation: rotation.id, what: `${d.data.kind} check`, at: isoInZone(at, rotation.timezone), instant: at };
  if (post.state === 'undelivered') return [{ ...base, to: d.data.recipients.map((p) => p.email), reason: reasonOf(post) }];
  return Object.entries(d.data.unreached).map(([person, reason]) => ({ ...base, to: [person], reason }));
}

/** A status or unanswered post to the channel. An unanswered post the answer made needless was not a failure. */
async function channelRow(stores: Reading, post: BotPost): Promise<Dated[]> {
  const d = ChannelPostDetail.safeParse(post.detail);
  if (!d.success) return [];
  if (d.data.post.kind === 'unanswered') {
    const check = await stores.posts.post(d.data.checkKey);
    if (check?.ackedAt !== undefined && check.followedUpAt === undefined) return [];
  }
  const p = d.data.post;
  const what = p.kind === 'status' ? `evening status by ${p.by.email}` : `open items (${p.openItems.length}) of an unanswered evening check`;
  const kind: UndeliveredKind = p.kind === 'status' ? 'evening-check-status' : 'evening-check-unanswered';
  const base = { kind, rotation: p.rotation.id, what, at: isoInZone(toSecond(post.createdAt), p.rotation.timezone), instant: post.createdAt };
  return [{ ...base, to: [`channel ${d.data.channel.id}`], reason: reasonOf(post) }];
}

async function escalationRow(stores: Reading, post: BotPost, zone: string): Promise<Dated> {
  const n = typeof post.detail.n === 'number' ? post.detail.n : undefined;
  const item = n === undefined ? undefined : await stores.items.item(n);
  const mentioned = Array.isArray(post.detail.to) ? post.detail.to.filter((e): e is string => typeof e === 'string') : [];
  return {
    kind: 'escalation', rotation: post.rotationId ?? '', what: item ? `#${item.n} ${cut(item.text)}` : post.key, at: isoInZone(toSecond(post.createdAt), zone), instant: post.createdAt,
    to: ['the channel', ...mentioned], reason: reasonOf(post),
  };
}

function noticeRow(post: BotPost, zone: string): Dated {
  const { n, to, by } = post.detail;
  const what = typeof n === 'number' ? `#${n} passed${typeof by === 'string' ? ` by ${by}` : ''}` : post.key;
  return { kind: 'item-notice', rotation: post.rotationId ?? '', what, at: isoInZone(toSecond(post.createdAt), zone), instant: post.createdAt, to: typeof to === 'string' ? [to] : [], reason: reasonOf(post) };
}

/** "Your shifts moved" notices (issue #13) that could not reach their person: one row per notice, by its first rotation. */
async function undeliveredNotices(stores: Reading, zones: Map<string, string>, since: number): Promise<Dated[]> {
  // Listed by when the change happened (the notice was recorded right after it); `unknown`: a send cut short, not sent again.
  const notices = stores.notices ? [...(await stores.notices.noticesIn('undelivered', { createdAfter: since })), ...(await stores.notices.noticesIn('unknown', { createdAfter: since }))] : [];
  return notices.map((n) => {
    const rotation = n.moves[0]?.rotation ?? '';
    const shifts = n.moves.reduce((sum, m) => sum + Math.max(m.before.length, m.after.length), 0);
    return { kind: 'shift-moved', rotation, what: `${shifts} moved shift${shifts === 1 ? '' : 's'}`, at: isoInZone(toSecond(n.createdAt), zones.get(rotation) ?? 'UTC'), instant: n.createdAt, to: [n.member], reason: n.outcome ?? NO_REASON };
  });
}

/** Out-of-office questions (issue #13) still open that could not reach their person: one row each, by its rotation. */
async function undeliveredOof(stores: Reading, since: number, now: number): Promise<Dated[]> {
  const open = stores.oof ? await stores.oof.undelivered(now) : [];
  return open.filter((s) => s.updatedAt > since).map((s) => ({
    kind: 'oof-question', rotation: s.rotationId, what: `out of office ${oofRangeText(s.start, s.end, s.detail.zone, now)}`,
    at: isoInZone(toSecond(s.updatedAt), s.detail.zone), instant: s.updatedAt, to: [s.member], reason: s.note ?? NO_REASON,
  }));
}
