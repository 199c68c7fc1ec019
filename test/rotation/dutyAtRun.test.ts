import { describe, expect, it } from 'vitest';
import { dutyAt } from '../../rotation/dutyAt.js';
import { rotation, schedule, utc } from './helpers.js';

// Weekly Mon 12:00 UTC from 5 Jan: a, b, c, d. A swap of a's week 2 Mar with b's 9 Mar gives a two weeks in a row.
const ops = rotation({ id: 'ops' });
const swap = [
  { rotation: 'ops', from: utc('2026-03-02T12:00'), to: utc('2026-03-09T12:00'), member: 'b@x.com', replaces: 'a@x.com' },
  { rotation: 'ops', from: utc('2026-03-09T12:00'), to: utc('2026-03-16T12:00'), member: 'a@x.com', replaces: 'b@x.com' },
];
// Weeks from 5 Jan: 2 Mar is week 8 (a), 9 Mar week 9 (b), 16 Mar week 10 (c), 23 Feb week 7 (d).

describe('dutyAt: one unbroken stretch, however many segments make it', () => {
  it('says until the end of two touching weeks with the same person, and who comes after them', () => {
    const swapped = { ...schedule([ops]), overrides: [{ ...swap[0]!, member: 'a@x.com', replaces: 'd@x.com', from: utc('2026-02-23T12:00'), to: utc('2026-03-02T12:00') }, ...swap.slice(1)] };
    // a holds 23 Feb (cover for d), 2 Mar (own) and 9 Mar (from b): one stretch from 23 Feb to 16 Mar.
    const [answer] = dutyAt(swapped, utc('2026-03-04T09:00'), ['ops']);
    expect([answer!.now!.start, answer!.now!.end, answer!.now!.members]).toEqual([utc('2026-02-23T12:00'), utc('2026-03-16T12:00'), ['a@x.com']]);
    expect([answer!.next!.start, answer!.next!.members]).toEqual([utc('2026-03-16T12:00'), ['c@x.com']]);
  });

  it('keeps a plain week as it is', () => {
    const [answer] = dutyAt(schedule([ops]), utc('2026-03-04T09:00'), ['ops']);
    expect([answer!.now!.start, answer!.now!.end, answer!.next!.members]).toEqual([utc('2026-03-02T12:00'), utc('2026-03-09T12:00'), ['b@x.com']]);
  });

  it('a week taken in a swap is its own stretch when the week before was someone else\'s', () => {
    const [answer] = dutyAt({ ...schedule([ops]), overrides: swap }, utc('2026-03-10T09:00'), ['ops']);
    expect([answer!.now!.members, answer!.now!.start, answer!.now!.end]).toEqual([['a@x.com'], utc('2026-03-09T12:00'), utc('2026-03-16T12:00')]);
    expect(answer!.next!.members).toEqual(['c@x.com']);
  });
});
