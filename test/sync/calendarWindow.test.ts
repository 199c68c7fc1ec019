import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { READ_MARGIN_MS } from '../../sync/calendars/CalendarSync.js';
import { calendarViewPath } from '../../sync/graph/GraphClient.js';
import { KEY_PROPERTY, ROTATION_PROPERTY } from '../../sync/graph/rotaProperties.js';
import { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { MAILBOX, NOW, rotaKey, startHarness, WEEK, WEEKS, type SyncHarness } from './syncHarness.js';

describe('the stand-in lists events like Graph', () => {
  let graph: GraphStandIn;
  const get = async (path: string) => {
    const res = await fetch(`${graph.url}${path}`, { headers: { Authorization: 'Bearer x' } });
    return { status: res.status, body: (await res.json()) as { value?: unknown[]; error?: { code: string } } };
  };
  beforeEach(async () => {
    graph = new GraphStandIn();
    await graph.start();
    graph.addMailbox(MAILBOX);
    await fetch(`${graph.url}/users/${MAILBOX}/calendars`, { method: 'POST', headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'On call' }) });
    graph.addForeignEvent(MAILBOX, 'On call', 'old', new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T11:00:00Z'));
    graph.addForeignEvent(MAILBOX, 'On call', 'spans now', new Date('2026-03-03T10:00:00Z'), new Date('2026-03-05T10:00:00Z'));
    graph.addForeignEvent(MAILBOX, 'On call', 'later', new Date('2026-06-01T10:00:00Z'), new Date('2026-06-01T11:00:00Z'));
  });
  afterEach(() => graph.stop());

  it('calendarView needs startDateTime and endDateTime and returns the events overlapping them', async () => {
    const cal = graph.calendar(MAILBOX, 'On call')!.id;
    const missing = await get(`/users/${MAILBOX}/calendars/${cal}/calendarView`);
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe('ErrorInvalidParameter');
    const view = await get(`/users/${MAILBOX}/calendars/${cal}/calendarView?startDateTime=2026-03-04T10:00:00Z&endDateTime=2026-04-01T00:00:00Z`);
    expect((view.body.value as Array<{ subject: string }>).map((e) => e.subject)).toEqual(['spans now']);
  });

  it('refuses a date comparison in an events $filter (Rota must not depend on one)', async () => {
    const cal = graph.calendar(MAILBOX, 'On call')!.id;
    const res = await get(`/users/${MAILBOX}/calendars/${cal}/events?$filter=${encodeURIComponent("end/dateTime ge '2026-03-04T00:00:00'")}`);
    expect(res.status).toBe(400);
  });

  it("Rota's query is a calendarView bounded by the window, with the extended-property filter", () => {
    const url = new URL(`http://x${calendarViewPath({ mailbox: MAILBOX, calendarId: 'cal-1', where: { property: ROTATION_PROPERTY, value: 'ops' }, window: { start: NOW - READ_MARGIN_MS, end: NOW + WEEK } })}`);
    expect(url.pathname).toBe(`/users/${encodeURIComponent(MAILBOX)}/calendars/cal-1/calendarView`);
    expect(url.searchParams.get('startDateTime')).toBe(new Date(NOW - READ_MARGIN_MS).toISOString());
    expect(url.searchParams.get('endDateTime')).toBe(new Date(NOW + WEEK).toISOString());
    expect(url.searchParams.get('$filter')).toContain(`ep/id eq '${ROTATION_PROPERTY}' and ep/value eq 'ops'`);
    expect(url.searchParams.get('$expand')).toContain(KEY_PROPERTY);
  });
});

describe('a reconcile reads only the window Rota manages', () => {
  let h: SyncHarness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('past events are neither read nor touched, however many pile up', async () => {
    // Ten weeks of reconciles: the calendar fills up with past segments.
    for (let week = 0; week <= 10; week++) await h.sync.reconcile(NOW + week * WEEK);
    const later = NOW + 10 * WEEK;
    const all = h.graph.calendar(MAILBOX, 'On call')!.events.filter(rotaKey);
    const past = all.filter((e) => Date.parse(`${e.end.dateTime.slice(0, 19)}Z`) <= later);
    expect(past.length).toBeGreaterThanOrEqual(9); // history is kept
    h.graph.clearLog();
    const report = await h.sync.reconcile(later);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    expect(h.graph.writes()).toEqual([]);
    const reads = h.graph.requests.filter((r) => r.method === 'GET' && /\/(calendarView|events)$/.test(r.path));
    expect(reads.every((r) => r.path.endsWith('/calendarView'))).toBe(true);
    expect(reads[0]!.query.startDateTime).toBe(new Date(later - READ_MARGIN_MS).toISOString());
    expect(reads[0]!.query.endDateTime).toBe(new Date(later + WEEKS * WEEK).toISOString());
    // The coming 4-5 segments fit in two pages of 3; reading all ~15 events would take five.
    expect(reads.length).toBeLessThanOrEqual(2);
    expect(h.graph.calendar(MAILBOX, 'On call')!.events.filter(rotaKey)).toHaveLength(all.length);
  });
});
