import { afterEach, describe, expect, it } from 'vitest';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { eventKey } from '../../sync/calendars/calendarEvents.js';
import { MAILBOX, NOW, opsFile, PEOPLE, rotaKey, startHarness, TEAM, WEEK, WEEKS, type SyncHarness } from './syncHarness.js';

const BLOCK = `    calendar: { mailbox: ${MAILBOX}, name: On call }\n    blockPersonalCalendars: true`;

describe('blockPersonalCalendars: "On interrupt duty" in each on-duty member\'s own calendar', () => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  async function start(fields = BLOCK) {
    h = await startHarness('sqlite', opsFile(fields));
    for (const p of PEOPLE) h.graph.addMailbox(p);
  }

  it('is off by default: nobody\'s own calendar is read or written', async () => {
    await start();
    await h.service.applyFile(opsFile(`    tag: { team: "${TEAM}", name: ops-oncall }`), { actor: 't', source: 'file', now: NOW });
    await h.sync.reconcile(NOW);
    // Free/busy (getSchedule, for out-of-office questions) is read whatever this says; the calendar's events are not.
    expect(h.graph.requests.some((r) => (/\/users\/[^/]+\/calendar(\/|$)/.test(r.path) && !r.path.endsWith('/calendar/getSchedule')) || PEOPLE.some((p) => r.path.startsWith(`/users/${p}/calendars`)))).toBe(false);
  });

  it('one event per segment in the member\'s default calendar, shown as working elsewhere; a second reconcile writes nothing', async () => {
    await start();
    const report = await h.sync.reconcile(NOW);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    const { schedule } = await h.service.snapshot();
    const segments = segmentsBetween(schedule, NOW, NOW + WEEKS * WEEK).filter((s) => s.rotation === 'ops');
    for (const person of PEOPLE) {
      const mine = segments.filter((s) => s.members.includes(person));
      const events = h.graph.personalEvents(person);
      expect(events.map(rotaKey)).toEqual(mine.map((s) => eventKey('ops', s.start)));
      for (const e of events) {
        expect(e.subject).toBe('On interrupt duty — Op of the Week');
        expect(e.showAs).toBe('workingElsewhere');
      }
    }
    h.graph.clearLog();
    await h.sync.reconcile(NOW);
    expect(h.graph.writes()).toEqual([]);
  });

  it('an override moves exactly the blocks it changes, and leaves the person\'s other events alone', async () => {
    await start();
    await h.sync.reconcile(NOW);
    const bobOwn = h.graph.addForeignEvent('bob@contoso.com', 'Calendar', 'Dentist', new Date('2026-03-10T08:00:00Z'), new Date('2026-03-10T09:00:00Z'));
    await h.service.applyFile(opsFile(BLOCK, `overrides:\n  - { rotation: ops, from: "2026-03-10T12:00", to: "2026-03-11T12:00", member: dave@contoso.com, replaces: bob@contoso.com }`), { actor: 't', source: 'file', now: NOW });
    h.graph.clearLog();
    const report = await h.sync.reconcile(NOW);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    // A member's own mailbox is addressed by their object id once resolved ("Get user" takes an id or a UPN).
    const personalWrites = h.graph.writes().filter((w) => PEOPLE.some((p) => w.path.startsWith(`/users/${h.graph.user(p)!.id}/`)));
    // bob's week is split in two around the override (one update, one create); dave gets one block.
    expect(personalWrites.map((w) => w.method).sort()).toEqual(['PATCH', 'POST', 'POST']);
    expect(h.graph.personalEvents('bob@contoso.com').some((e) => e.id === bobOwn)).toBe(true);
    expect(h.graph.personalEvents('dave@contoso.com').map((e) => e.start.dateTime.slice(0, 16))).toContain('2026-03-10T11:00');
  });

  it('turned off again: the coming blocks are deleted by key, the rows cleared', async () => {
    await start();
    await h.sync.reconcile(NOW);
    expect(h.graph.personalEvents('bob@contoso.com')).toHaveLength(1);
    await h.service.applyFile(opsFile(`    calendar: { mailbox: ${MAILBOX}, name: On call }`), { actor: 't', source: 'file', now: NOW });
    const report = await h.sync.reconcile(NOW);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    expect(h.graph.personalEvents('bob@contoso.com')).toEqual([]);
    expect(h.graph.personalEvents('alice@contoso.com')).toHaveLength(1); // her running shift: history
    expect(await h.t.db('sync_state').where({ target: 'personal' })).toEqual([]);
  });

  it("a member whose address is their mail, not their UPN, gets the blocks in their own mailbox (reached by object id)", async () => {
    const others = PEOPLE.filter((p) => p !== 'bob@contoso.com');
    h = await startHarness('sqlite', opsFile(BLOCK), { users: others, team: others });
    const bob = h.graph.addUser('bob.baker@contoso.onmicrosoft.com', 'Bob Baker', { mail: 'bob@contoso.com' });
    h.graph.addMailbox('bob.baker@contoso.onmicrosoft.com');
    for (const p of others) h.graph.addMailbox(p);
    const report = await h.sync.reconcile(NOW);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    expect(h.graph.personalEvents('bob.baker@contoso.onmicrosoft.com').map((e) => [e.subject, e.start.dateTime.slice(0, 16)])).toEqual([['On interrupt duty — Op of the Week', '2026-03-09T11:00']]);
    expect(h.graph.requests.filter((r) => r.path.startsWith('/users/bob%40contoso.com/'))).toEqual([]);
    expect(h.graph.requests.some((r) => r.path === `/users/${bob.id}/calendar`)).toBe(true);
    // Turned off: the clean-up finds his mailbox by the id the row kept, not by bob@contoso.com.
    await h.service.applyFile(opsFile(`    calendar: { mailbox: ${MAILBOX}, name: On call }`), { actor: 't', source: 'file', now: NOW });
    const off = await h.sync.reconcile(NOW);
    expect(off.targets.flatMap((r) => r.errors)).toEqual([]);
    expect(h.graph.personalEvents('bob.baker@contoso.onmicrosoft.com')).toEqual([]);
    expect(h.graph.requests.filter((r) => r.path.startsWith('/users/bob%40contoso.com/'))).toEqual([]);
  });

  it('a member without a reachable mailbox is reported by name; the others are kept in step', async () => {
    h = await startHarness('sqlite', opsFile(BLOCK));
    for (const p of PEOPLE.filter((p) => p !== 'carol@contoso.com')) h.graph.addMailbox(p);
    const report = await h.sync.reconcile(NOW);
    const errors = report.targets.flatMap((r) => r.errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/carol@contoso.com's own calendar cannot be reached/);
    expect(h.graph.personalEvents('bob@contoso.com')).toHaveLength(1);
  });
});
