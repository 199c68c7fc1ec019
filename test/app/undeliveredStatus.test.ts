import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { undeliveredWork } from '../../app/jobs/undeliveredStatus.js';
import { createStores, type Stores } from '../../db/stores.js';
import { runCapturing } from '../helpers/runCli.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

// Tue 8 Dec 2026 20:00 in Berlin, 14:00 in New York: the last 7 days began Tue 1 Dec 20:00 Berlin.
const NOW = Date.parse('2026-12-08T19:00:00Z');
const FILE = `timezone: Europe/Berlin
rotations:
  - id: ops
    name: Ops
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com]
  - id: nyc
    name: NYC
    timezone: America/New_York
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [carol@contoso.com]
`;
const ops = { id: 'ops', name: 'Ops', timezone: 'Europe/Berlin' };
const nyc = { id: 'nyc', name: 'NYC', timezone: 'America/New_York' };
const channel = { team: 'team-1', id: '19:ops@thread.tacv2' };
const NO_CHAT = 'Rota has no personal chat with them yet, and no id to open one with';

function dutyRun(rotation: typeof ops, date: string, at: string, task: string, assignees: string[]) {
  const dueAt = Date.parse(at);
  const key = `duty:${rotation.id}:d-${task.length}:${date}`;
  const occurrence = { key, rotation: rotation.id, dutyId: `d-${task.length}`, date, at: dueAt, task, post: 'personal' as const };
  return { key, rotationId: rotation.id, dueAt, late: false, assignees, detail: { occurrence, rotation } };
}

function check(kind: 'morning' | 'evening', date: string, at: string, recipients: string[], unreached: Record<string, string> = {}) {
  return { kind, rotation: ops, date, at: Date.parse(at), late: false, channel, recipients: recipients.map((email) => ({ email })), cards: {}, unreached };
}

/** A week of duty work through the real stores: what reached nobody, or not everyone, and what did reach. */
async function seed(s: Stores): Promise<void> {
  // Mon 7 Dec 09:15 Berlin: Bob's card reached nobody.
  const mon = dutyRun(ops, '2026-12-07', '2026-12-07T08:15:00Z', 'Check the nightly backups', ['bob@contoso.com']);
  await s.duties.claim(mon, 'r1', mon.dueAt);
  await s.duties.markUndelivered(mon.key, `bob@contoso.com: ${NO_CHAT}`, mon.dueAt);
  // Tue 8 Dec 09:15 Berlin: Alice got hers, Bob did not.
  const tue = dutyRun(ops, '2026-12-08', '2026-12-08T08:15:00Z', 'Check the nightly backups', ['alice@contoso.com', 'bob@contoso.com']);
  await s.duties.claim(tue, 'r1', tue.dueAt);
  await s.duties.recordCopy(tue.key, 'r1', { via: 'personal', conversationId: 'a:alice', activityId: 'act-1', to: 'alice@contoso.com' }, tue.dueAt);
  await s.duties.markUndelivered(tue.key, 'bob@contoso.com: Teams answered 403', tue.dueAt);
  // Thu 3 Dec 18:00 New York: Rota was down.
  const thu = dutyRun(nyc, '2026-12-03', '2026-12-03T23:00:00Z', 'Push the release candidate', ['carol@contoso.com']);
  await s.duties.recordMissed(thu, 'Rota was not running at its time', Date.parse('2026-12-04T12:00:00Z'));
  // Not listed: delivered, and one from before the week.
  const fine = dutyRun(ops, '2026-12-04', '2026-12-04T08:15:00Z', 'Check the nightly backups', ['alice@contoso.com']);
  await s.duties.claim(fine, 'r1', fine.dueAt);
  await s.duties.recordCopy(fine.key, 'r1', { via: 'personal', conversationId: 'a:alice', activityId: 'act-2', to: 'alice@contoso.com' }, fine.dueAt);
  await s.duties.markPosted(fine.key, undefined, fine.dueAt);
  const old = dutyRun(ops, '2026-11-30', '2026-11-30T08:15:00Z', 'Check the nightly backups', ['bob@contoso.com']);
  await s.duties.claim(old, 'r1', old.dueAt);
  await s.duties.markUndelivered(old.key, `bob@contoso.com: ${NO_CHAT}`, NOW - 3_600_000);

  // Tue 8 Dec 09:00 Berlin: the morning check reached nobody; Mon 7 Dec 17:30: the evening form missed Carol only.
  const morning = 'check:morning:ops:2026-12-08';
  await s.posts.claimPost({ key: morning, kind: 'morning-check', rotationId: 'ops', detail: check('morning', '2026-12-08', '2026-12-08T08:00:00Z', ['bob@contoso.com']) }, 'r1', Date.parse('2026-12-08T08:00:00Z'));
  await s.posts.markUndelivered(morning, `bob@contoso.com: ${NO_CHAT}`, Date.parse('2026-12-08T08:00:00Z'));
  const evening = 'check:evening:ops:2026-12-07';
  const form = check('evening', '2026-12-07', '2026-12-07T16:30:00Z', ['alice@contoso.com', 'carol@contoso.com']);
  await s.posts.claimPost({ key: evening, kind: 'evening-check', rotationId: 'ops', detail: form }, 'r1', form.at);
  await s.posts.markPosted(evening, { conversationId: 'a:alice', activityId: 'act-3' }, form.at, { ...form, unreached: { 'carol@contoso.com': 'Teams answered 403' } });
  // Alice answered at 17:40; its status could not reach the channel.
  await s.posts.ackPost(evening, 'alice@contoso.com', { actor: 'alice@contoso.com', source: 'chat', now: Date.parse('2026-12-07T16:40:00Z') });
  const post = { kind: 'status' as const, rotation: ops, at: form.at, by: { email: 'alice@contoso.com' }, status: 'All quiet', late: false };
  await s.posts.claimPost({ key: `${evening}:status`, kind: 'evening-check-status', rotationId: 'ops', detail: { checkKey: evening, channel, post } }, 'r1', Date.parse('2026-12-07T16:40:00Z'));
  await s.posts.markUndelivered(`${evening}:status`, 'Rota is not installed in that team', Date.parse('2026-12-07T16:40:00Z'));
  // Not listed: the unanswered post of a check answered within the hour had nothing to post.
  const unanswered = { kind: 'unanswered' as const, rotation: ops, at: form.at, askedOf: [{ email: 'alice@contoso.com' }], openItems: [] };
  await s.posts.claimPost({ key: `${evening}:unanswered`, kind: 'evening-check-unanswered', rotationId: 'ops', detail: { checkKey: evening, channel, post: unanswered } }, 'r1', Date.parse('2026-12-07T17:30:00Z'));
  await s.posts.markUndelivered(`${evening}:unanswered`, 'answered within the hour: nothing to post', Date.parse('2026-12-07T17:30:00Z'));

  // Sat 5 Dec 11:00 Berlin: an escalation with no channel; 11:05: an item passed to Bob, who could not be told.
  const at = Date.parse('2026-12-05T10:00:00Z');
  const item = await s.items.openItem({ rotationId: 'ops', kind: 'escalation', text: 'Checkout answers 500 since 09:40', holder: 'alice@contoso.com', escalatedTo: ['dev@contoso.com'] }, { actor: 'alice@contoso.com', source: 'chat', now: at });
  await s.posts.claimPost({ key: `escalation:${item.n}`, kind: 'escalation', rotationId: 'ops', detail: { n: item.n, to: ['dev@contoso.com'] } }, 'alice@contoso.com', at);
  await s.posts.markUndelivered(`escalation:${item.n}`, 'Ops has no channel', at);
  const notice = `item-assigned:${item.n}:bob@contoso.com:${at + 300_000}`;
  await s.posts.claimPost({ key: notice, kind: 'item-notice', rotationId: 'ops', detail: { n: item.n, to: 'bob@contoso.com', by: 'alice@contoso.com' } }, 'chat-turn', at + 300_000);
  await s.posts.markUndelivered(notice, NO_CHAT, at + 300_000);
}

describe.each(ENGINES)('rota status lists the duty work Rota could not deliver in the last 7 days (%s)', (engine) => {
  let t: TestDatabase;
  let dir: string;
  const run = (...args: string[]) => runCapturing(args, NOW);

  beforeEach(async () => {
    t = await freshDatabase(engine);
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('LOG_LEVEL', 'silent');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-status-'));
    fs.writeFileSync(path.join(dir, 'rota.yaml'), FILE);
    expect((await run('apply', path.join(dir, 'rota.yaml'))).code).toBe(0);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
    await t.destroy();
  });

  it('none: says so, and --json has an empty list', async () => {
    const { code, out } = await run('status');
    expect(code).toBe(0);
    expect(out).toContain('duty cards, checks, escalations, item notices, shift-moved messages, out-of-office questions (last 7 days): none undelivered\n');
    expect((JSON.parse((await run('status', '--json')).out) as { undelivered: unknown[] }).undelivered).toEqual([]);
  });

  it('one table in time order: to whom (only those missed), when in the rotation zone, and why', async () => {
    await seed(createStores(t.db));
    const { code, out } = await run('status');
    expect(code).toBe(0);
    expect(out).toContain(
      [
        'not delivered in the last 7 days (duty cards, checks, escalations, item notices, shift-moved messages, out-of-office questions): 8',
        'kind                  rotation  what                                 when                       to                            reason',
        '--------------------  --------  -----------------------------------  -------------------------  ----------------------------  ------------------------------------------------------------------------------------',
        'duty (never sent)     nyc       Push the release candidate           2026-12-03T18:00:00-05:00  carol@contoso.com             Rota was not running at its time',
        'escalation            ops       #1 Checkout answers 500 since 09:40  2026-12-05T11:00:00+01:00  the channel, dev@contoso.com  Ops has no channel',
        'item-notice           ops       #1 passed by alice@contoso.com       2026-12-05T11:05:00+01:00  bob@contoso.com               Rota has no personal chat with them yet, and no id to open one with',
        'duty                  ops       Check the nightly backups            2026-12-07T09:15:00+01:00  bob@contoso.com               bob@contoso.com: Rota has no personal chat with them yet, and no id to open one with',
        'evening-check         ops       evening check                        2026-12-07T17:30:00+01:00  carol@contoso.com             Teams answered 403',
        'evening-check-status  ops       evening status by alice@contoso.com  2026-12-07T17:40:00+01:00  channel 19:ops@thread.tacv2   Rota is not installed in that team',
        'morning-check         ops       morning check                        2026-12-08T09:00:00+01:00  bob@contoso.com               bob@contoso.com: Rota has no personal chat with them yet, and no id to open one with',
        'duty                  ops       Check the nightly backups            2026-12-08T09:15:00+01:00  bob@contoso.com               bob@contoso.com: Teams answered 403',
        '',
      ].join('\n'),
    );
  });

  it('--json: the same rows as one field, beside the existing ones', async () => {
    await seed(createStores(t.db));
    const json = JSON.parse((await run('status', '--json')).out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['mode', 'targets', 'undeliveredReminders', 'unreachable', 'unresolvedTeams', 'undelivered', 'webhooks']);
    const rows = json.undelivered as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.kind)).toEqual(['duty', 'escalation', 'item-notice', 'duty', 'evening-check', 'evening-check-status', 'morning-check', 'duty']);
    expect(rows[0]).toEqual({ kind: 'duty', rotation: 'nyc', what: 'Push the release candidate', at: '2026-12-03T18:00:00-05:00', to: ['carol@contoso.com'], reason: 'Rota was not running at its time', missed: true });
    expect(rows[7]).toEqual({ kind: 'duty', rotation: 'ops', what: 'Check the nightly backups', at: '2026-12-08T09:15:00+01:00', to: ['bob@contoso.com'], reason: 'bob@contoso.com: Teams answered 403' });
  });

  it('a channel duty names the channel it missed, or says the rotation had none', async () => {
    const s = createStores(t.db);
    const sat = dutyRun(ops, '2026-12-05', '2026-12-05T07:00:00Z', 'Release day', ['alice@contoso.com']);
    const posted = { ...sat, detail: { ...sat.detail, occurrence: { ...sat.detail.occurrence, post: 'channel' }, channel } };
    await s.duties.claim(posted, 'r1', sat.dueAt);
    await s.duties.markUndelivered(sat.key, 'the channel 19:ops@thread.tacv2: Rota is not installed in that team', sat.dueAt);
    const sun = dutyRun(ops, '2026-12-06', '2026-12-06T07:00:00Z', 'Release day', ['alice@contoso.com']);
    await s.duties.claim({ ...sun, detail: { ...sun.detail, occurrence: { ...sun.detail.occurrence, post: 'channel' } } }, 'r1', sun.dueAt);
    await s.duties.markUndelivered(sun.key, 'the rotation has no channel to post to (set `channel:` or say "subscribe" in one)', sun.dueAt);
    expect((await undeliveredWork(s, NOW)).map((r) => [r.at, r.to])).toEqual([
      ['2026-12-05T08:00:00+01:00', ['channel 19:ops@thread.tacv2']],
      ['2026-12-06T08:00:00+01:00', ['the channel']],
    ]);
  });
});
