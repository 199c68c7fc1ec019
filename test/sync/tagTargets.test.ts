import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { TeamIds } from '../../rotation/teamIds.js';
import { COMBINED_TAGS, nextTagHandoffs, taggedRotations, targetsOf, teamsNamed } from '../../sync/syncTargets.js';
import { tagState, TEAM } from './tagFixture.js';

/**
 * Who each tag holds (sync/syncTargets.ts, sync/tags/tagHolders.ts), with the expected people written out by hand
 * from the queues: ops (Mon 12:00, Berlin) has alice in the week of 5 Jan 2026, then bob, carol, dave; dev
 * (Mon 09:00) frank, grace, heidi; night (08:00, on duty 20:00-08:00) bob, carol, dave, heidi from 5 Jan; pair
 * (daily 09:00, two on duty) alice+bob, carol+dave, ….
 */
const FILE = `
timezone: Europe/Berlin
tags:
  - { team: "${TEAM}", name: everyone-oncall, rotations: [ops, dev] }
  - { team: "${TEAM}", name: everyone-next, rotations: [ops, dev], who: next, shadows: true }
rotations:
  - id: ops
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
    shadows: [erin@contoso.com]
    tag:
      - { team: "${TEAM}", name: ops-oncall }
      - { team: "${TEAM}", name: ops-next, who: next }
      - { team: "${TEAM}", name: ops-learning, shadows: true }
  - id: dev
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [frank@contoso.com, grace@contoso.com, heidi@contoso.com]
  - id: night
    start: 2026-01-05
    every: 1d
    handoff: "08:00"
    hours: "20:00-08:00"
    members: [bob@contoso.com, carol@contoso.com, dave@contoso.com, heidi@contoso.com]
    tag: [{ team: "${TEAM}", name: night-oncall }, { team: "${TEAM}", name: night-next, who: next }]
  - id: pair
    start: 2026-01-05
    every: 1d
    handoff: "09:00"
    onDuty: 2
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
    tag: { team: "${TEAM}", name: pair-next, who: next }
`;
const { state, schedule } = tagState(FILE);
const teams = new TeamIds([]);
const holding = (at: string) => Object.fromEntries(targetsOf(state, schedule, Date.parse(at), teams).tags.map((t) => [t.name, t.onDuty]));

describe('who each tag holds', () => {
  it('Wed 4 Mar 2026 11:00 Berlin: current, next, shadows, across rotations, an hours gap, two on duty', () => {
    expect(holding('2026-03-04T10:00:00Z')).toEqual({
      'ops-oncall': ['alice@contoso.com'],
      'ops-next': ['bob@contoso.com'], // the week from Mon 9 Mar 12:00
      'ops-learning': ['alice@contoso.com', 'erin@contoso.com'],
      'night-oncall': [], // 11:00: between the 08:00 handoff and tonight's 20:00
      'night-next': ['heidi@contoso.com'], // Thursday's shift (from 08:00, on duty from 20:00), not tonight's dave
      'pair-next': ['carol@contoso.com', 'dave@contoso.com'], // Thu 5 Mar: day 59 from 5 Jan, odd, so the second pair
      'everyone-oncall': ['alice@contoso.com', 'heidi@contoso.com'],
      'everyone-next': ['bob@contoso.com', 'erin@contoso.com', 'frank@contoso.com'],
    });
  });

  it('at night the current tag holds tonight\'s person and the next tag still tomorrow\'s', () => {
    const at = holding('2026-03-04T21:00:00Z'); // Wed 22:00 Berlin
    expect([at['night-oncall'], at['night-next']]).toEqual([['dave@contoso.com'], ['heidi@contoso.com']]);
  });

  it('across the spring-forward of Sun 29 Mar 2026: Mon 30 Mar 12:00 CEST is 10:00Z, not 11:00Z', () => {
    const before = holding('2026-03-30T09:59:00Z');
    const after = holding('2026-03-30T10:00:00Z');
    expect([before['ops-oncall'], before['ops-next']]).toEqual([['dave@contoso.com'], ['alice@contoso.com']]);
    expect([after['ops-oncall'], after['ops-next']]).toEqual([['alice@contoso.com'], ['bob@contoso.com']]);
    expect(nextTagHandoffs(state, schedule, Date.parse('2026-03-24T00:00:00Z')).get('ops')).toBe(Date.parse('2026-03-30T10:00:00Z'));
  });

  it('an override in the next shift is who the next tag holds (a cover of its first days)', () => {
    const covered = tagState(`${FILE}overrides:\n  - { rotation: ops, from: "2026-03-09T12:00", to: "2026-03-11T12:00", member: carol@contoso.com, replaces: bob@contoso.com }\n`);
    const tags = targetsOf(covered.state, covered.schedule, Date.parse('2026-03-04T10:00:00Z'), teams).tags;
    expect(tags.find((t) => t.name === 'ops-next')?.onDuty).toEqual(['carol@contoso.com']);
  });

  it('a top-level tag is owned by "(tags)" and draws from its rotations; its rotations get handoff jobs', () => {
    const t = targetsOf(state, schedule, Date.parse('2026-03-04T10:00:00Z'), teams).tags.find((x) => x.name === 'everyone-oncall')!;
    expect({ owner: t.rotationId, rotations: t.rotations, who: t.who, team: t.team }).toEqual({ owner: COMBINED_TAGS, rotations: ['ops', 'dev'], who: 'current', team: TEAM });
    expect([...taggedRotations(state)].sort()).toEqual(['dev', 'night', 'ops', 'pair']);
    expect(teamsNamed(state)).toEqual([TEAM]);
    expect([...nextTagHandoffs(state, schedule, Date.parse('2026-03-04T10:00:00Z'))].sort()).toEqual([
      ['dev', Date.parse('2026-03-09T08:00:00Z')],
      ['night', Date.parse('2026-03-05T07:00:00Z')],
      ['ops', Date.parse('2026-03-09T11:00:00Z')],
      ['pair', Date.parse('2026-03-05T08:00:00Z')],
    ]);
  });
});

/** An independent model of ops: the week index from the last Mon 12:00 in Berlin (luxon), members in queue order. */
function opsWeek(at: number): number {
  const local = DateTime.fromMillis(at, { zone: 'Europe/Berlin' });
  let monday = local.set({ hour: 12, minute: 0, second: 0, millisecond: 0 }).minus({ days: (local.weekday + 6) % 7 });
  if (monday.toMillis() > at) monday = monday.minus({ weeks: 1 });
  return Math.round(monday.diff(DateTime.fromISO('2026-01-05T12:00', { zone: 'Europe/Berlin' }), 'days').days / 7);
}
const OPS = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'dave@contoso.com'];

describe('the next tag, as a property', () => {
  it('holds the person after the one on duty, at any instant of 2026–2027 (DST changes included)', () => {
    const start = Date.parse('2026-01-05T11:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: start, max: start + 700 * 86_400_000 }), (at) => {
        const tags = targetsOf(state, schedule, at, teams).tags;
        const k = opsWeek(at);
        expect(tags.find((t) => t.name === 'ops-oncall')!.onDuty).toEqual([OPS[k % 4]]);
        expect(tags.find((t) => t.name === 'ops-next')!.onDuty).toEqual([OPS[(k + 1) % 4]]);
      }),
      { numRuns: 200 },
    );
  });
});
