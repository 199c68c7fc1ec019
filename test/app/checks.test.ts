import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckJobs } from '../../app/jobs/checks.js';
import type { CheckPoster } from '../../app/usecases/checkPosts.js';
import { snapshot, type ChatDeps } from '../../app/usecases/context.js';
import { chatWorld, type ChatWorld } from './chatWorld.js';

/** A clock for jobs whose sends take no time: each send is at the tick's `now` (the jobs never go earlier). */
const sendsTakeNoTime = () => 0;

// Two rotations in Amsterdam from Mon 7 Dec 2026 (CET, UTC+1):
// - pair: two on duty a day (alice+bob, then carol+dave), handed over at 08:00, morning check 09:00;
// - night: 20:00-08:00 only, bob then carol, morning check 09:00 (in the gap: whoever has the coming night), and an
//   evening check but no channel to post it to.
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
    morningCheck: "09:00"
  - id: night
    name: Night on call
    start: 2026-12-07
    every: 1d
    handoff: "08:00"
    hours: "20:00-08:00"
    members: [bob@contoso.com, carol@contoso.com]
    morningCheck: "09:00"
    eveningCheck: "17:30"
`;
const MON_0900 = Date.parse('2026-12-07T08:00:00Z');
const MINUTE = 60_000;

describe.each(['sqlite', ...(process.env.ROTA_TEST_PG ? ['postgres' as const] : [])] as const)('morning checks: who gets them, and exactly once (%s)', (engine) => {
  let world: ChatWorld;
  let deps: ChatDeps;
  let sent: Array<{ to: string; rotation: string; late: boolean }>;
  const poster: CheckPoster = {
    sendMorningCheck: async (p, v) => {
      sent.push({ to: p.email, rotation: v.rotation.id, late: v.late });
      return { conversationId: `a:${p.email}`, activityId: `card-${sent.length}` };
    },
    sendEveningForm: async () => undefined,
    postToChannel: async () => undefined,
    updateForms: async () => undefined,
  };
  const jobs = (holder: string) => new CheckJobs({ deps, poster, holder, clock: sendsTakeNoTime, log: { info: () => undefined, warn: () => undefined } });
  const state = async (key: string) => (await deps.stores.posts.post(key))?.state;

  beforeEach(async () => {
    world = await chatWorld(engine, FILE, MON_0900);
    deps = world.deps;
    sent = [];
  });
  afterEach(() => world.stop());

  it('two on duty: each gets it; an hours gap: whoever is on duty next (the coming night)', async () => {
    await jobs('a').tick(await snapshot(deps), MON_0900);
    expect(sent.filter((s) => s.rotation === 'pair')).toEqual([
      { to: 'alice@contoso.com', rotation: 'pair', late: false },
      { to: 'bob@contoso.com', rotation: 'pair', late: false },
    ]);
    expect(sent.filter((s) => s.rotation === 'night')).toEqual([{ to: 'bob@contoso.com', rotation: 'night', late: false }]);
  });

  it('two replicas racing without the lease (the claim alone decides): each check goes out once', async () => {
    const snap = await snapshot(deps);
    await Promise.all([jobs('a').tick(snap, MON_0900), jobs('b').tick(snap, MON_0900), jobs('c').tick(snap, MON_0900 + MINUTE)]);
    expect(sent.map((s) => `${s.rotation}:${s.to}`).sort()).toEqual(['night:bob@contoso.com', 'pair:alice@contoso.com', 'pair:bob@contoso.com']);
  });

  it('a claim a stopped Rota left is sent late by another (within 2 h), or recorded as not sent when older', async () => {
    const snap = await snapshot(deps);
    const detail = { kind: 'morning', rotation: { id: 'pair', name: 'Pair on call', timezone: 'Europe/Amsterdam' }, date: '2026-12-07', at: MON_0900, late: false, recipients: [{ email: 'alice@contoso.com' }], cards: {}, unreached: {} };
    await deps.stores.posts.claimPost({ key: 'check:morning:pair:2026-12-07', kind: 'morning-check', rotationId: 'pair', detail }, 'crashed', MON_0900);
    const old = { ...detail, rotation: { id: 'night', name: 'Night on call', timezone: 'Europe/Amsterdam' }, date: '2026-12-06', at: MON_0900 - 24 * 60 * MINUTE };
    await deps.stores.posts.claimPost({ key: 'check:morning:night:2026-12-06', kind: 'morning-check', rotationId: 'night', detail: old }, 'crashed', old.at);

    await jobs('b').tick(snap, MON_0900 + MINUTE); // the claim is a minute old: its holder may still be sending
    expect(sent.filter((s) => s.rotation === 'pair')).toEqual([]);
    await jobs('b').tick(snap, MON_0900 + 11 * MINUTE); // past STALE_CLAIM_MS (10 min): its holder stopped
    expect(sent.filter((s) => s.rotation === 'pair')).toEqual([{ to: 'alice@contoso.com', rotation: 'pair', late: true }]);
    expect(await state('check:morning:pair:2026-12-07')).toBe('posted');
    const stale = await deps.stores.posts.post('check:morning:night:2026-12-06');
    expect([stale?.state, stale?.detail.reason]).toEqual(['undelivered', 'Rota stopped before sending it, and its time is more than 2 hours ago']);
  });

  it('a throttled delivery that outlasts 2 minutes (6 min a card) keeps its claim: the other replica sends nothing', async () => {
    let clock = MON_0900;
    const b = new CheckJobs({ deps, poster, holder: 'b', clock: () => clock, log: { info: () => undefined, warn: () => undefined } });
    const slow: CheckPoster = {
      ...poster,
      // Each card takes 6 minutes (Teams throttling it); while the second one goes out, b's minute tick runs.
      sendMorningCheck: async (p, v) => {
        clock += 6 * MINUTE;
        if (p.email === 'bob@contoso.com' && v.rotation.id === 'pair') await b.tick(await snapshot(deps), clock);
        return poster.sendMorningCheck(p, v);
      },
    };
    const a = new CheckJobs({ deps, poster: slow, holder: 'a', clock: () => clock, log: { info: () => undefined, warn: () => undefined } });
    await a.tick(await snapshot(deps), MON_0900);
    expect(sent.filter((s) => s.rotation === 'pair')).toEqual([
      { to: 'alice@contoso.com', rotation: 'pair', late: false },
      { to: 'bob@contoso.com', rotation: 'pair', late: false },
    ]);
    expect(await state('check:morning:pair:2026-12-07')).toBe('posted');
  });

  it('nobody reachable: recorded undelivered with each reason, and not sent again next minute', async () => {
    const unreachable: CheckPoster = { ...poster, sendMorningCheck: async () => undefined };
    const j = new CheckJobs({ deps, poster: unreachable, holder: 'a', clock: sendsTakeNoTime, log: { info: () => undefined, warn: () => undefined } });
    await j.tick(await snapshot(deps), MON_0900);
    const post = await deps.stores.posts.post('check:morning:night:2026-12-07');
    expect([post?.state, post?.detail.reason]).toEqual(['undelivered', 'bob@contoso.com: Rota has no personal chat with them yet, and no Teams or Entra id to open one with']);
    await jobs('a').tick(await snapshot(deps), MON_0900 + MINUTE);
    expect(sent).toEqual([]);
  });

  it('an evening check of a rotation with no channel is recorded as not sent, with what to do, once', async () => {
    const evening = Date.parse('2026-12-07T16:30:00Z'); // 17:30
    const forms: string[] = [];
    const j = new CheckJobs({ deps, poster: { ...poster, sendEveningForm: async (p) => void forms.push(p.email) }, holder: 'a', clock: sendsTakeNoTime, log: { info: () => undefined, warn: () => undefined } });
    await j.tick(await snapshot(deps), evening);
    await j.tick(await snapshot(deps), evening + MINUTE);
    const post = await deps.stores.posts.post('check:evening:night:2026-12-07');
    expect([post?.state, post?.detail.reason]).toEqual(['undelivered', 'Night on call has no channel to post the evening status to (channel in the rotation file, or "subscribe" in one)']);
    expect(forms).toEqual([]);
  });
});
