import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, type Snapshot } from '../../app/usecases/context.js';
import { mayAct, onDutyFor, peopleFor } from '../../app/usecases/onDuty.js';
import type { Segment } from '../../rotation/index.js';
import { berlin, chatWorld, FIRST_WEEK_FILE, TUESDAY, type ChatWorld } from './chatWorld.js';

const H = 3_600_000;
const stretch = (start: number, end: number, members: string[]): Segment => ({ rotation: 'night', start, end, members, source: 'override', conflict: false, shiftStart: start });

describe('who a duty or a check at `at` goes to (onDutyFor)', () => {
  const at = berlin('2026-12-01 12:00');
  it.each<[string, Segment[], string[]]>([
    ['the people on duty at its time', [stretch(at - H, at + H, ['bob@contoso.com'])], ['bob@contoso.com']],
    ['in a gap: the next stretch', [stretch(at + 8 * H, at + 20 * H, ['dave@contoso.com'])], ['dave@contoso.com']],
    ['in a gap whose next stretch has nobody in it: the one after', [stretch(at + 8 * H, at + 9 * H, []), stretch(at + 9 * H, at + 20 * H, ['dave@contoso.com'])], ['dave@contoso.com']],
    ['an empty stretch in force: the next with someone', [stretch(at - H, at + H, []), stretch(at + H, at + 2 * H, ['carol@contoso.com'])], ['carol@contoso.com']],
    ['a stretch that ended at its time does not count', [stretch(at - H, at, ['bob@contoso.com'])], []],
    ['nobody within the stretches given', [stretch(at + H, at + 2 * H, [])], []],
  ])('%s', (_case, stretches, expected) => {
    expect(peopleFor(stretches, 'night', at)).toEqual(expected);
  });

  it('from the schedule: the night shift at noon (an `hours` gap) goes to whoever has tonight', async () => {
    const w = await chatWorld('sqlite');
    try {
      expect(onDutyFor(await snapshot(w.deps), 'night', at)).toEqual(['dave@contoso.com']);
      expect(onDutyFor(await snapshot(w.deps), 'ops', at)).toEqual(['dave@contoso.com']);
    } finally {
      await w.stop();
    }
  });
});

// Tuesday 1 Dec 2026 10:35 Berlin: Dave has ops; Ivan is an admin of ops only; Erin of the whole file.
const FILE = FIRST_WEEK_FILE.replace('    escalation: dev\n  - id: mro', '    escalation: dev\n    admins: [ivan@contoso.com]\n  - id: mro');

describe('may this person act on the rotation now (mayAct)', () => {
  let w: ChatWorld;
  let snap: Snapshot;
  let gone: Snapshot;
  beforeAll(async () => {
    w = await chatWorld('sqlite', FILE);
    snap = await snapshot(w.deps);
    gone = { ...snap, rotations: snap.rotations.filter((r) => r.id !== 'ops') };
  });
  afterAll(() => w.stop());

  it.each<[string, 'here' | 'gone', string, string[], boolean]>([
    ['a person it went to', 'here', 'alice@contoso.com', ['alice@contoso.com'], true],
    ['a person it went to, writing their address in capitals', 'here', 'Alice@Contoso.COM', ['alice@contoso.com'], true],
    ['a person it went to, stored in capitals', 'here', 'alice@contoso.com', ['ALICE@contoso.com'], true],
    ['the person on duty now', 'here', 'dave@contoso.com', ['alice@contoso.com'], true],
    ["an admin of the rotation", 'here', 'ivan@contoso.com', ['alice@contoso.com'], true],
    ['a file-wide admin', 'here', 'erin@contoso.com', ['alice@contoso.com'], true],
    ['a member not on duty that it did not go to', 'here', 'bob@contoso.com', ['alice@contoso.com'], false],
    ['someone outside the rotation', 'here', 'mallory@contoso.com', [], false],
    ['rotation gone: a file-wide admin', 'gone', 'erin@contoso.com', ['alice@contoso.com'], true],
    ['rotation gone: the person it went to (or who holds it)', 'gone', 'alice@contoso.com', ['alice@contoso.com'], true],
    ['rotation gone: its former admin', 'gone', 'ivan@contoso.com', ['alice@contoso.com'], false],
    ['rotation gone: its former person on duty', 'gone', 'dave@contoso.com', ['alice@contoso.com'], false],
  ])('%s', (_case, rotation, email, wentTo, expected) => {
    expect(mayAct(rotation === 'here' ? snap : gone, 'ops', email, TUESDAY, wentTo)).toBe(expected);
  });
});
