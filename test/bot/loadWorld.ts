import { expect } from 'vitest';
import { TEAM_1, type RecordedRequest } from '../helpers/connectorStandIn.js';
import type { TestDatabase } from '../helpers/databases.js';
import { startBot, type BotWorld } from './botHarness.js';
import { CHANNEL, dutyCards, people } from './dutyWorld.js';

export const Z = (iso: string) => Date.parse(iso);

/**
 * Op of the Week in Berlin (CET, +1 all along), weekly from Mon 5 Jan 2026 09:00: alice, bob, carol in turn, so Bob
 * has Mon 16 Mar 09:00 – Mon 23 Mar 09:00 (week 10) and Carol the next. Weekdays 09:15 (08:15Z) and Sun 10:00
 * (09:00Z) duties; escalations go to dev, which has neither duties nor items.
 */
export const LOAD_FILE = `timezone: Europe/Berlin
admins: [erin@contoso.com]
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com]
    escalation: dev
    channel: { team: ${TEAM_1.groupId}, id: "${CHANNEL}" }
    duties:
      - { at: "Mon-Fri 09:15", task: "Check overnight alerts" }
      - { at: "Sun 10:00", task: "Check the night backup" }
  - id: dev
    name: Dev of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [frank@contoso.com, dave@contoso.com]
`;

/** Bob's handoff to Carol: Mon 23 Mar 09:00 Berlin. */
export const HANDOFF = Z('2026-03-23T08:00:00Z');

/**
 * Bob's week, hand-written: Mon done (Bob), Tue skipped (Bob: "alerting was down for maintenance"), Wed done by Erin
 * (an admin), Thu unanswered (missed, for Bob), Fri done (Bob); Rota not running on Sunday (never sent: missed, for
 * nobody). Tue 11:00: Bob opens #1, Alice opens #2 (held by Bob, on duty), Bob escalates #3 and closes #1. The handoff
 * at Mon 23 Mar 09:00 is ticked 30 s after it: #2 and #3 pass from Bob to Carol. The clock is left at the tick;
 * `atHandoff`: what Rota sent in that tick.
 */
export async function bobsWeek(engine: TestDatabase['engine']): Promise<{ w: BotWorld; atHandoff: RecordedRequest[] }> {
  const w = await startBot(engine, undefined, { file: LOAD_FILE, now: Z('2026-03-16T07:00:00Z') });
  const p = people(() => w);
  await p.install();
  for (const who of ['alice', 'bob', 'carol', 'erin'] as const) await p.say(who, 'my shifts');
  const answers: Record<string, Array<[Parameters<typeof p.click>[0], string, Record<string, unknown>]>> = {
    '2026-03-16': [['bob', 'duty.done', {}]],
    '2026-03-17': [['bob', 'duty.skip', { reason: 'alerting was down for maintenance' }]],
    '2026-03-18': [['erin', 'duty.done', {}]],
    '2026-03-19': [],
    '2026-03-20': [['bob', 'duty.done', {}]],
  };
  for (const [day, clicks] of Object.entries(answers)) {
    w.h.clock.now = Z(`${day}T08:16:00Z`);
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    const [card] = dutyCards(w.h.since(mark));
    expect(card).toMatchObject({ to: 'bob', task: 'Check overnight alerts' });
    w.h.clock.now += 5 * 60_000;
    for (const [who, verb, data] of clicks) expect((await p.click(who, verb, { key: card!.key, ...data })).texts.length).toBeGreaterThan(0);
    if (day === '2026-03-17') {
      w.h.clock.now = Z('2026-03-17T10:00:00Z');
      expect(await p.say('bob', 'item add Nightly backup failed')).toEqual([expect.stringMatching(/^Added \*\*#1\*\*/)]);
      expect(await p.say('alice', 'item add Disk 90% on db-2')).toEqual([expect.stringMatching(/^Added \*\*#2\*\*/)]);
      expect((await p.say('bob', 'escalate Payment API returns 500')).join('\n')).toContain('#3');
      expect((await p.say('bob', 'item done 1')).join('\n')).toContain('#1');
    }
  }
  w.h.clock.now = HANDOFF + 30_000;
  const mark = w.h.mark();
  await w.h.rota.handoffs.tick(w.h.clock.now);
  return { w, atHandoff: w.h.since(mark) };
}
