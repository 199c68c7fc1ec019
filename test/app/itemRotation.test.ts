import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, type Snapshot } from '../../app/usecases/context.js';
import { itemNumber, itemRotation, newHolder } from '../../app/usecases/itemRotation.js';
import { chatWorld, TUESDAY, type ChatWorld } from './chatWorld.js';

// Tuesday 1 December 2026, 10:35 Berlin (FIRST_WEEK_FILE): Dave has Op of the Week; tonight he has the night shift.
describe('which rotation an item command is about', () => {
  let w: ChatWorld;
  let snap: Snapshot;
  beforeAll(async () => {
    w = await chatWorld('sqlite');
    snap = await snapshot(w.deps);
  });
  afterAll(() => w.stop());

  it.each([
    ['named first, by id', 'dave@contoso.com', 'dev the API is slow', 'dev', 'the API is slow'],
    ['named first, by name', 'dave@contoso.com', 'Dev of the Week the API is slow', 'dev', 'the API is slow'],
    ['a rotation\'s id at the end is text, not a rotation', 'dave@contoso.com', 'restart the build on dev', 'ops', 'restart the build on dev'],
    ['not named: the one the asker is on duty in now', 'dave@contoso.com', 'Backups failed', 'ops', 'Backups failed'],
    ['not on duty, a member of one rotation only', 'carol@contoso.com', 'Backups failed', undefined, undefined],
  ])('%s', (_case, email, text, rotation, rest) => {
    const chosen = itemRotation(snap, email, TUESDAY, text);
    if (rotation === undefined) expect(chosen.ok).toBe(false);
    else expect(chosen).toEqual({ ok: true, value: { rotation: expect.objectContaining({ id: rotation }), rest } });
  });

  it('a member of several rotations, on duty in none, is asked which', () => {
    expect(itemRotation(snap, 'carol@contoso.com', TUESDAY, 'Backups failed')).toEqual({
      ok: false,
      error: 'Which rotation? Name it first, e.g. "item add night …". Rotations: night (Night on call), ops (Op of the Week).',
    });
  });

  // Tonight's night shift (Dave's) starts at 20:00 Berlin, 19:00 UTC.
  it.each([
    ['on duty now: the asker', 'ops', 'dave@contoso.com', { holder: 'dave@contoso.com' }],
    ['someone else: the person on duty now', 'ops', 'carol@contoso.com', { holder: 'dave@contoso.com' }],
    ['nobody on duty (an hours gap): the next person on duty, from when', 'night', 'carol@contoso.com', { holder: 'dave@contoso.com', onDutyFrom: Date.parse('2026-12-01T19:00:00Z') }],
    ['in the gap, the asker is next on duty: the asker, from when', 'night', 'dave@contoso.com', { holder: 'dave@contoso.com', onDutyFrom: Date.parse('2026-12-01T19:00:00Z') }],
  ])('a new item\'s holder: %s', (_case, rotationId, email, expected) => {
    expect(newHolder(snap, snap.rotations.find((r) => r.id === rotationId)!, email, TUESDAY)).toEqual(expected);
  });

  it.each([['12', 12], ['#12', 12], [' #7 ', 7], ['12a', undefined], ['#', undefined], ['-1', undefined], ['', undefined]])('item number "%s" → %s', (text, n) => {
    expect(itemNumber(text)).toBe(n);
  });
});
