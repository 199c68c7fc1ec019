import { describe, expect, it } from 'vitest';
import { eventsAfter, type DesiredEvent, type RemoteEvent } from '../../sync/calendars/eventPlan.js';
import type { DesiredCalendar, DesiredTag, RemoteCalendar, RemoteState, RemoteTag } from '../../sync/model.js';
import { planSync } from '../../sync/planSync.js';
import type { TargetState } from '../../sync/SyncStores.js';

const NOW = Date.parse('2026-03-04T10:00:00Z'); // a Wednesday
const t = (iso: string) => Date.parse(iso);

const person = (id: string) => ({ id, label: `${id}@contoso.com` });
const membership = (id: string) => ({ id, memberId: `m-${id}`, label: `${id}@contoso.com` });
const desiredTag = (ids: string[], key = 'team-1/ops-oncall'): DesiredTag => ({ rotationId: 'ops', target: 'tag', key, team: 'team-1', name: 'ops-oncall', members: ids.map(person), unresolved: [] });
const remoteTag = (ids: string[], lastWritten = ids): RemoteTag => ({ target: 'tag', tagId: 'tag-1', members: ids.map(membership), lastWritten: lastWritten.map(person) });
const remote = (entries: Array<[string, RemoteTag | RemoteCalendar]>, removed: RemoteState['removed'] = []): RemoteState => ({
  source: 'graph',
  targets: new Map(entries),
  removed,
});
const TAG_ID = 'ops\u0000tag\u0000team-1/ops-oncall';
const CAL_ID = 'ops\u0000calendar\u0000oncall@contoso.com/On call';

const event = (start: string, end: string, subject: string): DesiredEvent => ({ key: `ops/${new Date(t(start)).toISOString()}`, rotationId: 'ops', start: t(start), end: t(end), subject, hash: `h-${subject}`, payload: { subject } });
const written = (id: string, e: DesiredEvent): RemoteEvent => ({ id, key: e.key, start: e.start, end: e.end, subject: e.subject, hash: e.hash });
const calendar = (events: DesiredEvent[]): DesiredCalendar => ({ rotationId: 'ops', target: 'calendar', key: 'oncall@contoso.com/On call', mailbox: 'oncall@contoso.com', name: 'On call', events });

const stored = (target: TargetState['target'], key: string, remoteId: string | undefined, extra: Record<string, unknown> = {}): TargetState => ({
  rotationId: 'ops',
  target,
  key,
  ...(remoteId ? { remoteId } : {}),
  written: extra,
  pending: 0,
});

describe('planSync: a tag', () => {
  it('desired {a, b} against the tag holding {b, c}: add a, remove c, nothing else', () => {
    const plan = planSync([desiredTag(['a', 'b'])], remote([[TAG_ID, remoteTag(['b', 'c'])]]), NOW);
    expect(plan).toEqual({
      source: 'graph',
      targets: [
        {
          kind: 'tag',
          rotationId: 'ops',
          target: 'tag',
          key: 'team-1/ops-oncall',
          team: 'team-1',
          name: 'ops-oncall',
          tagId: 'tag-1',
          add: [{ id: 'a', label: 'a@contoso.com' }],
          remove: [{ id: 'c', memberId: 'm-c', label: 'c@contoso.com' }],
          members: [{ id: 'a', label: 'a@contoso.com' }, { id: 'b', label: 'b@contoso.com' }],
          drift: [],
          errors: [],
        },
      ],
    });
  });

  it('someone added by hand and someone removed by hand are drift, and repaired', () => {
    const [plan] = planSync([desiredTag(['a'])], remote([[TAG_ID, remoteTag(['x'], ['a'])]]), NOW).targets;
    expect(plan).toMatchObject({ add: [{ id: 'a' }], remove: [{ memberId: 'm-x' }], drift: ['x@contoso.com was added by hand', 'a@contoso.com was removed by hand'] });
  });

  it('no tag yet: it is created with everyone on duty (no tag id in the plan)', () => {
    const [plan] = planSync([desiredTag(['a', 'b'])], remote([[TAG_ID, { target: 'tag', members: [] }]]), NOW).targets;
    expect(plan).toEqual(expect.objectContaining({ add: [person('a'), person('b')], remove: [], drift: [] }));
    expect(plan).not.toHaveProperty('tagId');
  });

  it('a failed read plans nothing and carries the error (no second tag is made)', () => {
    const error = 'GET /teams/team-1/tags: 403 Forbidden: Missing role permissions';
    const [plan] = planSync([desiredTag(['a'])], remote([[TAG_ID, { target: 'tag', members: [], error }]]), NOW).targets;
    expect(plan).toMatchObject({ add: [], remove: [], errors: [error], readError: error });
  });

  it('someone on duty who is not a user is reported; the others are planned', () => {
    const desired = { ...desiredTag(['a']), unresolved: ['erin@contoso.com is not a user in this tenant (GET /users: 404)'] };
    const [plan] = planSync([desired], remote([[TAG_ID, remoteTag(['a'])]]), NOW).targets;
    expect(plan).toMatchObject({ add: [], remove: [], errors: ['erin@contoso.com is not a user in this tenant (GET /users: 404)'] });
  });
});

describe('planSync: a calendar', () => {
  // Week of Mon 9 Mar 12:00 Berlin (11:00Z) to Mon 16 Mar: bob's. A swap gives Thu 12 Mar 11:00Z onwards to carol.
  const bobsWeek = event('2026-03-09T11:00:00Z', '2026-03-16T11:00:00Z', 'On call: Bob — Ops');
  const bobShort = event('2026-03-09T11:00:00Z', '2026-03-12T11:00:00Z', 'On call: Bob — Ops');
  const carols = event('2026-03-12T11:00:00Z', '2026-03-16T11:00:00Z', 'On call: Carol — Ops');

  it('an event moved by a swap: one update to the new end, one create for the rest of the week', () => {
    const found = { target: 'calendar' as const, calendarId: 'cal-1', events: [written('e1', bobsWeek)] };
    const [plan] = planSync([calendar([bobShort, carols])], remote([[CAL_ID, found]]), NOW).targets;
    expect(plan).toEqual({
      kind: 'calendar',
      rotationId: 'ops',
      target: 'calendar',
      key: 'oncall@contoso.com/On call',
      mailbox: 'oncall@contoso.com',
      name: 'On call',
      calendarId: 'cal-1',
      createCalendar: false,
      ops: [
        { kind: 'update', id: 'e1', event: { key: 'ops/2026-03-09T11:00:00.000Z', rotationId: 'ops', start: t('2026-03-09T11:00:00Z'), end: t('2026-03-12T11:00:00Z'), subject: 'On call: Bob — Ops', hash: 'h-On call: Bob — Ops', payload: { subject: 'On call: Bob — Ops' } } },
        { kind: 'create', event: carols },
      ],
    });
  });

  it('no calendar yet: it is made, then every event created', () => {
    const [plan] = planSync([calendar([bobsWeek])], remote([[CAL_ID, { target: 'calendar', events: [] }]]), NOW).targets;
    expect(plan).toMatchObject({ createCalendar: true, ops: [{ kind: 'create', event: bobsWeek }] });
  });

  it('a calendar deleted by hand (404) plans nothing this time and says so', () => {
    const lost = { target: 'calendar' as const, events: [], lost: true, error: 'calendar not found (deleted?); recreated on the next reconcile' };
    const [plan] = planSync([calendar([bobsWeek])], remote([[CAL_ID, lost]]), NOW).targets;
    expect(plan).toMatchObject({ createCalendar: false, ops: [], lost: true, readError: 'calendar not found (deleted?); recreated on the next reconcile' });
  });
});

describe('planSync: targets no rotation asks for any more', () => {
  const running = { id: 'e0', key: 'ops/2026-03-02T11:00:00.000Z', start: t('2026-03-02T11:00:00Z'), end: t('2026-03-09T11:00:00Z'), subject: 'On call: Alice — Ops' };
  const coming = { id: 'e1', key: 'ops/2026-03-09T11:00:00.000Z', start: t('2026-03-09T11:00:00Z'), end: t('2026-03-16T11:00:00Z'), subject: 'On call: Bob — Ops' };

  it('a shared calendar: its coming events are deleted, the running one is history; its event rows go', () => {
    const removed = [{ stored: stored('calendar', 'oncall@contoso.com/On call', 'cal-1'), comingEvents: [running, coming] }];
    expect(planSync([], remote([], removed), NOW).targets).toEqual([
      {
        kind: 'removal',
        rotationId: 'ops',
        target: 'calendar',
        key: 'oncall@contoso.com/On call',
        mailbox: 'oncall@contoso.com',
        calendarId: 'cal-1',
        ops: [{ kind: 'delete', id: 'e1', key: 'ops/2026-03-09T11:00:00.000Z', start: t('2026-03-09T11:00:00Z'), end: t('2026-03-16T11:00:00Z'), reason: 'vanished' }],
        forgetEvents: true,
      },
    ]);
  });

  it('a member\'s own calendar: the same deletes, in their mailbox', () => {
    const removed = [{ stored: stored('personal', 'bob@contoso.com', 'bob-cal'), comingEvents: [coming] }];
    expect(planSync([], remote([], removed), NOW).targets[0]).toMatchObject({ mailbox: 'bob@contoso.com', calendarId: 'bob-cal', ops: [{ kind: 'delete', id: 'e1' }], forgetEvents: false });
  });

  it.each([
    ['Rota made it: deleted', { createdTagId: 'tag-1' }, [], { action: 'delete', team: 'team-1', name: 'ops-oncall', tagId: 'tag-1' }],
    ['Rota found it there: left in place', {}, [], { action: 'leave', team: 'team-1', name: 'ops-oncall', tagId: 'tag-1' }],
    ['another rotation still syncs it: kept', { createdTagId: 'tag-1' }, [{ ...desiredTag(['a']), rotationId: 'dev' }], undefined],
  ])('a tag %s', (_name, extra, desired, tag) => {
    const removed = [{ stored: stored('tag', 'team-1/ops-oncall', 'tag-1', extra), comingEvents: [] }];
    const [plan] = planSync(desired, remote(desired.length ? [[`dev\u0000tag\u0000team-1/ops-oncall`, remoteTag(['a'])]] : [], removed), NOW).targets;
    expect(plan).toEqual({ kind: 'removal', rotationId: 'ops', target: 'tag', key: 'team-1/ops-oncall', ops: [], forgetEvents: false, ...(tag ? { tag } : {}) });
  });
});

describe('the dry-run plans with the same function', () => {
  it('what Rota last wrote, standing for what Graph would say, gives the live plan', () => {
    const desired = [desiredTag(['a', 'b']), calendar([event('2026-03-09T11:00:00Z', '2026-03-12T11:00:00Z', 'On call: Bob — Ops')])];
    const week = written('e1', event('2026-03-09T11:00:00Z', '2026-03-16T11:00:00Z', 'On call: Bob — Ops'));
    // Graph lists tag memberships by their own ids; sync_state keeps the users', which a dry-run uses for both.
    const live = planSync(desired, remote([[TAG_ID, remoteTag(['b', 'c'])], [CAL_ID, { target: 'calendar', calendarId: 'cal-1', events: [week] }]]), NOW);
    const lastWritten: RemoteState = {
      source: 'last-written',
      targets: new Map<string, RemoteTag | RemoteCalendar>([
        [TAG_ID, { target: 'tag', tagId: 'tag-1', members: ['b', 'c'].map((id) => ({ ...person(id), memberId: id })), lastWritten: ['b', 'c'].map(person) }],
        [CAL_ID, { target: 'calendar', calendarId: 'cal-1', events: [week] }],
      ]),
      removed: [],
    };
    const dry = planSync(desired, lastWritten, NOW);
    expect(dry.targets[1]).toEqual(live.targets[1]);
    expect({ ...dry.targets[0], remove: [] }).toEqual({ ...live.targets[0], remove: [] });
    expect(dry.targets[0]).toMatchObject({ add: [person('a')], remove: [{ id: 'c', memberId: 'c' }] });
  });
});

describe('eventsAfter: what a member\'s own calendar holds after the writes', () => {
  const a = event('2026-03-09T11:00:00Z', '2026-03-16T11:00:00Z', 'A');
  const b = event('2026-03-16T11:00:00Z', '2026-03-23T11:00:00Z', 'B');
  const old = { id: 'e0', key: 'ops/2026-02-23T11:00:00.000Z', start: t('2026-02-23T11:00:00Z'), end: t('2026-03-02T11:00:00Z'), subject: 'past' };

  it('past events drop out; an update replaces, a create adds with its new id, a delete removes', () => {
    const remote = [old, { ...written('e1', a), end: t('2026-03-12T11:00:00Z'), hash: 'stale' }, { id: 'e2', key: 'ops/x', start: t('2026-03-20T00:00:00Z'), end: t('2026-03-21T00:00:00Z'), subject: 'gone' }];
    const done = [
      { op: { kind: 'update' as const, id: 'e1', event: a } },
      { op: { kind: 'create' as const, event: b }, id: 'e3' },
      { op: { kind: 'delete' as const, id: 'e2', key: 'ops/x', start: 0, end: 0, reason: 'vanished' as const } },
    ];
    expect(eventsAfter(remote, done, NOW)).toEqual([
      { id: 'e1', key: 'ops/2026-03-09T11:00:00.000Z', start: t('2026-03-09T11:00:00Z'), end: t('2026-03-16T11:00:00Z'), subject: 'A', hash: 'h-A' },
      { id: 'e3', key: 'ops/2026-03-16T11:00:00.000Z', start: t('2026-03-16T11:00:00Z'), end: t('2026-03-23T11:00:00Z'), subject: 'B', hash: 'h-B' },
    ]);
  });
});
