import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { runCapturing } from '../helpers/runCli.js';
import { stopBot, type BotWorld } from './botHarness.js';
import { people } from './dutyWorld.js';
import { bobsWeek, HANDOFF, LOAD_FILE } from './loadWorld.js';

const LEGEND =
  "Share of the on-duty hours: each member's part of the hours someone was on duty. Share of capacity: each member's part of the hours the members were available (in the roster, not on time off). Both add up to 100 %.";
const ZERO = '0 duties done, 0 skipped, 0 missed; 0 items opened, 0 closed, 0 carried over; 0 escalations';
const NOTE = 'rota: interrupt load (duties done, skipped, missed; items opened, closed, carried; escalations) comes from the database: run stats without --config to see it\n';

// Asked Mon 23 Mar 09:10 Berlin, 10 minutes after Bob handed over to Carol: the last week is Mon 16 Mar 09:10 –
// Mon 23 Mar 09:10. Expected figures from Bob's week as loadWorld.ts describes it, counted by hand.
describe.each(ENGINES)('stats: the interrupt load of a week (%s)', (engine) => {
  let w: BotWorld;
  const p = people(() => w);
  beforeAll(async () => {
    ({ w } = await bobsWeek(engine));
    w.h.clock.now = HANDOFF + 10 * 60_000;
  }, 120_000);
  afterAll(() => stopBot(w));

  it('chat: a line per person after the hours, by who acted, opened, closed, passed on or escalated, and the total', async () => {
    expect(await p.say('bob', 'stats ops 1 week')).toEqual([
      [
        '**Op of the Week**, last 1 week (Mon 16 Mar 09:10 GMT+1 – Mon 23 Mar 09:10 GMT+1):',
        // Bob from the window's start to the handoff: 168 h less 10 min; Carol the 10 min after it.
        '- Bob Baker: 167.8 h on duty, 0 shifts, 99.9% of the on-duty hours, 33.4% of capacity; 48 h at weekends',
        '- Carol Cook: 0.2 h on duty, 1 shift, 0.1% of the on-duty hours, 33.3% of capacity',
        '- Alice Archer: 0 h on duty, 0 shifts, 0% of the on-duty hours, 33.3% of capacity',
        LEGEND,
        'Interrupt load (duty checklist and open items):',
        // Done Mon and Fri, skipped Tue, missed Thu; opened #1 and the escalation #3, closed #1, passed #2 and #3 on.
        '- Bob Baker: 2 duties done, 1 skipped, 1 missed; 2 items opened, 1 closed, 2 carried over; 1 escalation',
        `- Carol Cook: ${ZERO}`,
        '- Alice Archer: 0 duties done, 0 skipped, 0 missed; 1 item opened, 0 closed, 0 carried over; 0 escalations',
        // Not in the roster, but she answered Wednesday's card.
        '- Erin Ende: 1 duty done, 0 skipped, 0 missed; 0 items opened, 0 closed, 0 carried over; 0 escalations',
        // Sunday's duty, never sent, was missed by nobody in particular: in the total only.
        '- Total: 3 duties done, 1 skipped, 2 missed; 3 items opened, 1 closed, 2 carried over; 1 escalation',
      ].join('\n'),
    ]);
  });

  it('chat: a rotation without duties or items says so in one line; the coming weeks have no interrupt load', async () => {
    const [dev] = await p.say('bob', 'stats dev 1 week');
    expect(dev!.split('\n').slice(-2)).toEqual([LEGEND, 'Interrupt load: no duties or items yet.']);
    const [coming] = await p.say('bob', 'stats ops next 1 week');
    expect(coming!.split('\n').at(-1)).toBe(LEGEND);
  });

  it('command line: a second table from the database, a row per person and a total per rotation', async () => {
    process.env.DATABASE_URL = w.t.url;
    try {
      const { code, out } = await runCapturing(['stats', '--from', '2026-03-16 09:10', '--to', '2026-03-23 09:10'], w.h.clock.now);
      expect(code).toBe(0);
      const second = out.slice(out.indexOf('per rotation.\n') + 'per rotation.\n'.length);
      expect(second).toBe(
        [
          '', // a blank line between the two tables
          'rotation  member             duties done  skipped  missed  items opened  closed  carried  escalations',
          '--------  -----------------  -----------  -------  ------  ------------  ------  -------  -----------',
          'dev       frank@contoso.com  0            0        0       0             0       0        0',
          'dev       dave@contoso.com   0            0        0       0             0       0        0',
          'dev       (total)            0            0        0       0             0       0        0',
          'ops       alice@contoso.com  0            0        0       1             0       0        0',
          'ops       bob@contoso.com    2            1        1       2             1       2        1',
          'ops       carol@contoso.com  0            0        0       0             0       0        0',
          'ops       erin@contoso.com   1            0        0       0             0       0        0',
          'ops       (total)            3            1        2       3             1       2        1',
          'items opened include escalations; carried: items passed on at a handoff, counted for who passed them on.',
          '',
        ].join('\n'),
      );
    } finally {
      delete process.env.DATABASE_URL;
    }
  });

  it('command line --json: each rotation of the same array gains `load`', async () => {
    process.env.DATABASE_URL = w.t.url;
    try {
      const { code, out, err } = await runCapturing(['stats', '--from', '2026-03-16 09:10', '--to', '2026-03-23 09:10', '--json'], w.h.clock.now);
      expect(code).toBe(0);
      expect(err).toBe('');
      // The fairness figures stay where they were (readers of the old array keep working).
      const json = JSON.parse(out) as Array<{ rotation: string; members: Array<{ member: string; onDutyHours: number }>; load: unknown }>;
      expect(json[1]!.members.map((m) => [m.member, Math.round(m.onDutyHours * 10) / 10])).toEqual([['alice@contoso.com', 0], ['bob@contoso.com', 167.8], ['carol@contoso.com', 0.2]]);
      expect(json.map((r) => r.rotation)).toEqual(['dev', 'ops']);
      const zero = { dutiesDone: 0, dutiesSkipped: 0, dutiesMissed: 0, itemsOpened: 0, itemsClosed: 0, itemsCarried: 0, escalations: 0 };
      expect(json[1]!.load).toEqual({
        members: [
          { member: 'alice@contoso.com', ...zero, itemsOpened: 1 },
          { member: 'bob@contoso.com', dutiesDone: 2, dutiesSkipped: 1, dutiesMissed: 1, itemsOpened: 2, itemsClosed: 1, itemsCarried: 2, escalations: 1 },
          { member: 'carol@contoso.com', ...zero },
          { member: 'erin@contoso.com', ...zero, dutiesDone: 1 },
        ],
        total: { dutiesDone: 3, dutiesSkipped: 1, dutiesMissed: 2, itemsOpened: 3, itemsClosed: 1, itemsCarried: 2, escalations: 1 },
      });
      expect(json[0]!.load).toEqual({ members: [{ member: 'frank@contoso.com', ...zero }, { member: 'dave@contoso.com', ...zero }], total: zero });
    } finally {
      delete process.env.DATABASE_URL;
    }
  });

  it('command line --config: the file alone, and one line saying the interrupt load comes from the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-load-'));
    const file = path.join(dir, 'rota.yaml');
    fs.writeFileSync(file, LOAD_FILE);
    try {
      const text = await runCapturing(['stats', '--config', file, '--from', '2026-03-16 09:10', '--to', '2026-03-23 09:10'], w.h.clock.now);
      expect(text).toMatchObject({ code: 0, err: NOTE });
      expect(text.out).not.toContain('duties done');
      const json = await runCapturing(['stats', '--config', file, '--from', '2026-03-16 09:10', '--to', '2026-03-23 09:10', '--json'], w.h.clock.now);
      expect(json).toMatchObject({ code: 0, err: NOTE });
      expect((JSON.parse(json.out) as Array<Record<string, unknown>>).map((r) => 'load' in r)).toEqual([false, false]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
