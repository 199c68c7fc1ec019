import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { syncJobFor } from '../../app/root/syncJob.js';
import { parseRotationFile } from '../../rotation/file.js';
import type { GraphStandIn, StandInEvent } from '../helpers/graph/GraphStandIn.js';
import type { TestDatabase } from '../helpers/databases.js';
import { MAILBOX, NOW, seededDatabase, startStandIn } from './syncHarness.js';

/**
 * Rotations in zones Graph refuses by IANA name (Europe/Amsterdam, America/Toronto, Pacific/Chatham are not in the
 * "dateTimeTimeZone resource type" list; Asia/Kolkata is) through the real sync against the stand-in, which refuses
 * what Graph refuses. Weekly handoffs "Mon 12:00" local from 2026-01-05, alice then bob; the sync runs on
 * Wed 2026-03-04 10:00Z with a 6-week horizon (to 2026-04-15 10:00Z), so each zone's DST change is inside it.
 * Expected instants are worked out by hand from each zone's offsets, not by Rota's code.
 */
const HORIZON_WEEKS = 6;

const CASES: Array<[zone: string, why: string, starts: string[], lastEnd: string]> = [
  [
    'Europe/Amsterdam',
    'CET +01:00, CEST +02:00 from Sun 29 Mar 2026 01:00Z',
    ['2026-03-02T11:00:00Z', '2026-03-09T11:00:00Z', '2026-03-16T11:00:00Z', '2026-03-23T11:00:00Z', '2026-03-30T10:00:00Z', '2026-04-06T10:00:00Z', '2026-04-13T10:00:00Z'],
    '2026-04-20T10:00:00Z',
  ],
  [
    'America/Toronto',
    'EST −05:00, EDT −04:00 from Sun 8 Mar 2026 07:00Z',
    ['2026-03-02T17:00:00Z', '2026-03-09T16:00:00Z', '2026-03-16T16:00:00Z', '2026-03-23T16:00:00Z', '2026-03-30T16:00:00Z', '2026-04-06T16:00:00Z', '2026-04-13T16:00:00Z'],
    '2026-04-20T16:00:00Z',
  ],
  [
    'Asia/Kolkata',
    'IST +05:30 all year',
    ['2026-03-02T06:30:00Z', '2026-03-09T06:30:00Z', '2026-03-16T06:30:00Z', '2026-03-23T06:30:00Z', '2026-03-30T06:30:00Z', '2026-04-06T06:30:00Z', '2026-04-13T06:30:00Z'],
    '2026-04-20T06:30:00Z',
  ],
  [
    'Pacific/Chatham',
    'CHADT +13:45, CHAST +12:45 from Sun 5 Apr 2026 03:45 local (4 Apr 14:00Z): noon Monday is Sunday in UTC',
    ['2026-03-01T22:15:00Z', '2026-03-08T22:15:00Z', '2026-03-15T22:15:00Z', '2026-03-22T22:15:00Z', '2026-03-29T22:15:00Z', '2026-04-05T23:15:00Z', '2026-04-12T23:15:00Z'],
    '2026-04-19T23:15:00Z',
  ],
];

const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';

function fileIn(zone: string) {
  const parsed = parseRotationFile(`
timezone: ${zone}
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [${ALICE}, ${BOB}]
    calendar: { mailbox: ${MAILBOX}, name: On call }
    blockPersonalCalendars: true
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

/** "2026-03-02T11:00:00.0000000" in UTC (how Graph answers) → "2026-03-02T11:00:00Z". */
const utc = (v: { dateTime: string; timeZone: string }) => {
  expect(v.timeZone).toBe('UTC');
  return `${v.dateTime.slice(0, 19)}Z`;
};
const spans = (events: StandInEvent[]) => events.map((e) => [utc(e.start), utc(e.end)]);

/** Every start/end timeZone in the event bodies Rota sent, inside $batch or not. */
function sentZones(graph: GraphStandIn): string[] {
  return graph.requests.flatMap((r) => {
    const b = r.body as { start?: { timeZone?: string }; end?: { timeZone?: string } } | undefined;
    return [b?.start?.timeZone, b?.end?.timeZone].filter((z): z is string => z !== undefined);
  });
}

describe('calendar events across time zones: UTC instants Graph accepts, at the right moments', () => {
  let graph: GraphStandIn;
  let t: TestDatabase;
  afterEach(async () => {
    await graph.stop();
    await t.destroy();
  });

  it.each(CASES)('%s (%s)', async (zone, _why, starts, lastEnd) => {
    graph = await startStandIn({ users: [ALICE, BOB], team: [ALICE, BOB] });
    for (const p of [ALICE, BOB]) graph.addMailbox(p);
    const seeded = await seededDatabase('sqlite', fileIn(zone));
    t = seeded.t;
    const settings = { graph: { mode: 'standin' as const, baseUrl: graph.url }, sync: { reconcileEveryMinutes: 15, horizonWeeks: HORIZON_WEEKS } };
    const sync = syncJobFor(settings, seeded.stores, seeded.service, pino({ level: 'silent' }), () => NOW);

    const report = await sync.reconcile(NOW);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);

    const ends = [...starts.slice(1), lastEnd];
    const expected = starts.map((s, i) => [s, ends[i]]);
    expect(spans(graph.calendar(MAILBOX, 'On call')!.events)).toEqual(expected);
    // alice has the 1st, 3rd, … week from 5 Jan (so 2 Mar), bob the others.
    expect(spans(graph.personalEvents(ALICE))).toEqual(expected.filter((_, i) => i % 2 === 0));
    expect(spans(graph.personalEvents(BOB))).toEqual(expected.filter((_, i) => i % 2 === 1));

    const zones = sentZones(graph);
    expect(zones.length).toBe(2 * (expected.length * 2)); // shared + personal, start and end of each
    expect(new Set(zones)).toEqual(new Set(['UTC']));

    // The same instants a second time: nothing to write.
    graph.clearLog();
    await sync.reconcile(NOW);
    expect(graph.writes()).toEqual([]);
  });
});

describe('the Graph stand-in refuses event time zones Graph does not support', () => {
  let graph: GraphStandIn;
  afterEach(() => graph.stop());

  async function post(timeZone: string) {
    const res = await fetch(`${graph.url}/users/${MAILBOX}/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'x', start: { dateTime: '2026-03-30T12:00:00', timeZone }, end: { dateTime: '2026-03-30T13:00:00', timeZone } }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; start?: { dateTime: string } } };
  }

  it.each(['Europe/Amsterdam', 'America/Toronto', 'Pacific/Chatham', 'Mars/Olympus_Mons', 'Greenwich Mean Time'])('%s: 400 TimeZoneNotSupportedException', async (zone) => {
    graph = await startStandIn({ users: [], team: [] });
    const { status, body } = await post(zone);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'TimeZoneNotSupportedException', message: `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`, innerError: expect.anything() });
  });

  it.each([
    ['UTC', '2026-03-30T12:00:00.0000000'],
    ['Europe/Berlin', '2026-03-30T10:00:00.0000000'],
    ['W. Europe Standard Time', '2026-03-30T10:00:00.0000000'],
    ['Asia/Kolkata', '2026-03-30T06:30:00.0000000'],
    ['Chatham Islands Standard Time', '2026-03-29T22:15:00.0000000'],
  ])('%s is accepted, answered in UTC', async (zone, utcStart) => {
    graph = await startStandIn({ users: [], team: [] });
    const { status, body } = await post(zone);
    expect(status).toBe(201);
    expect(body.start?.dateTime).toBe(utcStart);
  });
});
