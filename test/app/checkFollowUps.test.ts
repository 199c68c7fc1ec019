import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckJobs } from '../../app/jobs/checks.js';
import { submitEveningCheck } from '../../app/usecases/checkEvening.js';
import type { ChannelCheckPost, CheckPoster } from '../../app/usecases/checkPosts.js';
import { redeliverChecks } from '../../app/usecases/checkRetries.js';
import { snapshot, type ChatDeps } from '../../app/usecases/context.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, type ChatWorld } from './chatWorld.js';

// Alice and Bob on duty together in Amsterdam on Mon 7 Dec 2026 (CET, UTC+1): morning check 09:00 (08:00Z), evening
// check 17:30 (16:30Z), the status to the ops channel.
const FILE = `
timezone: Europe/Amsterdam
rotations:
  - id: pair
    name: Pair on call
    start: 2026-12-07
    every: 1d
    handoff: "08:00"
    onDuty: 2
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
    channel: { team: 0f3a1b2c-0000-4000-8000-000000000001, id: "19:ops@thread.tacv2" }
    morningCheck: "09:00"
    eveningCheck: "17:30"
`;
const Z = (iso: string) => Date.parse(iso);
const ALICE = { email: 'alice@contoso.com' };
const BOB = { email: 'bob@contoso.com' };
const NO_CHAT = 'Rota has no personal chat with them yet, and no Teams or Entra id to open one with';
const CHECK = 'check:evening:pair:2026-12-07';
const ROTATION = { id: 'pair', name: 'Pair on call', timezone: 'Europe/Amsterdam' };
const quiet = { info: () => undefined, warn: () => undefined };

describe.each(ENGINES)('evening checks that reach nobody, retries per person, and a status Teams refused (%s)', (engine) => {
  let world: ChatWorld;
  let deps: ChatDeps;
  /** Who Rota can reach in a personal chat; Bob is refused by Teams, anyone else has no chat. */
  let reachable: Set<string>;
  let forms: string[];
  let mornings: string[];
  let channel: ChannelCheckPost[];
  let channelRefuses: boolean;
  const poster: CheckPoster = {
    sendMorningCheck: async (p) => {
      if (!reachable.has(p.email)) return undefined;
      mornings.push(p.email);
      return { conversationId: `a:${p.email}`, activityId: `morning-${mornings.length}` };
    },
    sendEveningForm: async (p) => {
      if (p.email === BOB.email && !reachable.has(p.email)) throw new PersonUnreachable(p.email, 'Teams refused: 403 Forbidden');
      if (!reachable.has(p.email)) return undefined;
      forms.push(p.email);
      return { conversationId: `a:${p.email}`, activityId: `form-${forms.length}` };
    },
    postToChannel: async (_c, post) => {
      if (channelRefuses) throw new Error('403 Forbidden');
      channel.push(post);
      return { conversationId: '19:ops@thread.tacv2', activityId: `post-${channel.length}` };
    },
    updateForms: async () => undefined,
  };
  /** The minute tick at `at` (a fresh snapshot, as HandoffJobs.tick takes one). */
  const tick = async (at: number) => new CheckJobs({ deps, poster, holder: 'a', clock: () => at, log: quiet }).tick(await snapshot(deps), at);
  const state = async (key: string) => (await deps.stores.posts.post(key))?.state;

  beforeEach(async () => {
    world = await chatWorld(engine, FILE, Z('2026-12-07T08:00:00Z'));
    deps = world.deps;
    reachable = new Set([ALICE.email]);
    [forms, mornings, channel, channelRefuses] = [[], [], [], false];
  });
  afterEach(() => world.stop());

  it('reached one of two: after the hour "not answered by" names only her, and says whom the check could not reach and why', async () => {
    await tick(Z('2026-12-07T16:30:00Z'));
    expect(forms).toEqual(['alice@contoso.com']);
    await tick(Z('2026-12-07T17:30:00Z'));
    expect(channel).toEqual([{ kind: 'unanswered', rotation: ROTATION, at: Z('2026-12-07T16:30:00Z'), askedOf: [ALICE], openItems: [], unreached: [{ person: BOB, reason: 'Teams refused: 403 Forbidden' }] }]);
  });

  it('reached nobody: after the hour the open items go to the channel all the same, naming whom and why, once', async () => {
    reachable.clear();
    await tick(Z('2026-12-07T16:30:00Z'));
    expect(await state(CHECK)).toBe('undelivered');
    await tick(Z('2026-12-07T17:29:00Z'));
    expect(channel).toEqual([]);
    await tick(Z('2026-12-07T17:30:00Z'));
    await tick(Z('2026-12-07T17:31:00Z'));
    expect(channel).toEqual([{
      kind: 'unanswered', rotation: ROTATION, at: Z('2026-12-07T16:30:00Z'), askedOf: [], openItems: [],
      unreached: [{ person: ALICE, reason: NO_CHAT }, { person: BOB, reason: 'Teams refused: 403 Forbidden' }],
    }]);
    expect(await state(`${CHECK}:unanswered`)).toBe('posted');
  });

  it('nobody on duty to send it to: after the hour the channel hears that, and why', async () => {
    const detail = { kind: 'evening', rotation: ROTATION, date: '2026-12-07', at: Z('2026-12-07T16:30:00Z'), late: false, channel: { team: '0f3a1b2c-0000-4000-8000-000000000001', id: '19:ops@thread.tacv2' }, recipients: [], cards: {}, unreached: {} };
    await deps.stores.posts.claimPost({ key: CHECK, kind: 'evening-check', rotationId: 'pair', detail }, 'a', Z('2026-12-07T16:30:00Z'));
    await deps.stores.posts.markUndelivered(CHECK, "nobody is on duty at the check's time or after it", Z('2026-12-07T16:30:00Z'));
    await tick(Z('2026-12-07T17:30:00Z'));
    expect(channel).toEqual([{ kind: 'unanswered', rotation: ROTATION, at: Z('2026-12-07T16:30:00Z'), askedOf: [], openItems: [], unreached: [], noOne: "nobody is on duty at the check's time or after it" }]);
  });

  it('the form is tried again for Bob alone every 15 minutes within its hour, once each; after the hour, no more', async () => {
    await tick(Z('2026-12-07T16:30:00Z'));
    reachable.add(BOB.email);
    await tick(Z('2026-12-07T16:44:00Z'));
    expect(forms).toEqual(['alice@contoso.com']);
    await tick(Z('2026-12-07T16:45:00Z'));
    await tick(Z('2026-12-07T16:46:00Z'));
    await tick(Z('2026-12-07T17:01:00Z'));
    expect(forms).toEqual(['alice@contoso.com', 'bob@contoso.com']);
    await tick(Z('2026-12-07T17:30:00Z'));
    expect(channel.map((p) => p.kind === 'unanswered' && [p.askedOf, p.unreached])).toEqual([[[ALICE, BOB], []]]);

    reachable.delete(BOB.email); // the next day Bob is refused until after the hour
    await tick(Z('2026-12-08T16:30:00Z')); // Tue: carol and dave, neither reachable
    reachable.add('carol@contoso.com');
    await tick(Z('2026-12-08T17:30:00Z'));
    expect(forms).toEqual(['alice@contoso.com', 'bob@contoso.com']);
  });

  it('a morning check is tried again until the end of its local day (23:00Z), and at once when the person writes to Rota', async () => {
    await tick(Z('2026-12-07T08:00:00Z'));
    expect(mornings).toEqual(['alice@contoso.com']);
    reachable.add(BOB.email);
    // Bob writes to Rota at 08:05: his morning check goes to him now, not in 15 minutes, and only to him.
    expect(await redeliverChecks({ deps, poster, log: quiet }, 'chat-turn', Z('2026-12-07T08:05:00Z'), { email: 'Bob@contoso.com' })).toBe(1);
    expect(mornings).toEqual(['alice@contoso.com', 'bob@contoso.com']);
    await tick(Z('2026-12-07T08:30:00Z'));
    expect(mornings).toEqual(['alice@contoso.com', 'bob@contoso.com']);

    reachable.delete(BOB.email);
    await tick(Z('2026-12-08T08:00:00Z')); // Tue: carol and dave
    reachable.add('dave@contoso.com');
    await tick(Z('2026-12-08T22:45:00Z'));
    reachable.add('carol@contoso.com');
    await tick(Z('2026-12-08T23:00:00Z')); // Wed 00:00 in Amsterdam: Tuesday's check is over
    expect(mornings).toEqual(['alice@contoso.com', 'bob@contoso.com', 'dave@contoso.com']);
  });

  it("a later try a stopped Rota left claimed is recorded as not sent after 10 minutes, and sent on the next retry", async () => {
    await tick(Z('2026-12-07T08:00:00Z'));
    await deps.stores.posts.claimPost({ key: 'check:morning:pair:2026-12-07:to:bob@contoso.com', kind: 'check-copy', rotationId: 'pair', detail: {} }, 'crashed', Z('2026-12-07T08:15:00Z'));
    reachable.add(BOB.email);
    await tick(Z('2026-12-07T08:24:00Z'));
    expect(await state('check:morning:pair:2026-12-07:to:bob@contoso.com')).toBe('claimed');
    await tick(Z('2026-12-07T08:25:00Z'));
    expect(await state('check:morning:pair:2026-12-07:to:bob@contoso.com')).toBe('undelivered');
    await tick(Z('2026-12-07T08:40:00Z'));
    expect(mornings).toEqual(['alice@contoso.com', 'bob@contoso.com']);
  });

  it('a status Teams refused is posted again from the minute tick 15 minutes on, that day only; the form then says posted', async () => {
    await tick(Z('2026-12-07T16:30:00Z'));
    channelRefuses = true;
    const alice = { ...ALICE, now: Z('2026-12-07T16:40:00Z'), person: ALICE };
    const answer = await submitEveningCheck(deps, poster, CHECK, alice, 'All quiet');
    expect(answer.ok && answer.value.view.notPosted).toBe('posting failed: 403 Forbidden');
    channelRefuses = false;
    await tick(Z('2026-12-07T16:54:00Z'));
    expect(channel).toEqual([]);
    await tick(Z('2026-12-07T16:55:00Z'));
    await tick(Z('2026-12-07T17:10:00Z'));
    expect(channel).toEqual([{ kind: 'status', rotation: ROTATION, at: Z('2026-12-07T16:30:00Z'), by: ALICE, status: 'All quiet', late: false }]);
    expect(await state(`${CHECK}:status`)).toBe('posted');

    // Tuesday's status is refused all day: not tried again on Wednesday.
    reachable.add('carol@contoso.com');
    await tick(Z('2026-12-08T16:30:00Z'));
    channelRefuses = true;
    await submitEveningCheck(deps, poster, 'check:evening:pair:2026-12-08', { email: 'carol@contoso.com', now: Z('2026-12-08T16:40:00Z'), person: { email: 'carol@contoso.com' } }, 'Busy');
    channelRefuses = false;
    await tick(Z('2026-12-08T23:00:00Z'));
    expect(channel).toHaveLength(1);
  });

  it('the answerer may post a refused status again (changed) while it is not posted; others and a posted status are refused', async () => {
    await tick(Z('2026-12-07T16:30:00Z'));
    reachable.add(BOB.email);
    channelRefuses = true;
    const at = (minute: number) => Z(`2026-12-07T16:${minute}:00Z`);
    await submitEveningCheck(deps, poster, CHECK, { ...ALICE, now: at(40), person: ALICE }, 'All quiet');
    const again = await submitEveningCheck(deps, poster, CHECK, { ...ALICE, now: at(41), person: ALICE }, 'All quiet, db-2 watched');
    expect(again.ok && again.value.view.notPosted).toBe('posting failed: 403 Forbidden');
    channelRefuses = false;
    const bob = await submitEveningCheck(deps, poster, CHECK, { ...BOB, now: at(42), person: BOB }, 'Mine instead');
    expect(bob).toEqual({ ok: false, error: 'The evening check of Pair on call was already answered by alice@contoso.com at Mon 7 Dec 17:40 GMT+1; nothing changed.' });
    const posted = await submitEveningCheck(deps, poster, CHECK, { ...ALICE, now: at(43), person: ALICE }, 'All quiet, db-2 watched');
    expect(posted.ok && [posted.value.view.notPosted, posted.value.view.status]).toEqual([undefined, 'All quiet, db-2 watched']);
    expect(channel).toEqual([{ kind: 'status', rotation: ROTATION, at: at(30), by: ALICE, status: 'All quiet, db-2 watched', late: false }]);
    const late = await submitEveningCheck(deps, poster, CHECK, { ...ALICE, now: at(44), person: ALICE }, 'Once more');
    expect(late).toEqual({ ok: false, error: 'The evening check of Pair on call was already answered by alice@contoso.com at Mon 7 Dec 17:40 GMT+1; nothing changed.' });
    const audit = await world.t.db('audit_log').where('action', 'like', 'check.evening.%').orderBy('id').select('action', 'actor');
    expect(audit).toEqual([
      { action: 'check.evening.answered', actor: 'alice@contoso.com' },
      { action: 'check.evening.resubmitted', actor: 'alice@contoso.com' },
      { action: 'check.evening.resubmitted', actor: 'alice@contoso.com' },
    ]);
  });
});
