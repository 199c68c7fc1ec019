import { describe, expect, it } from 'vitest';
import { formatFieldError, parseRotationFile } from '../../rotation/file.js';
import { fairness } from '../../rotation/fairness.js';
import { dutyAt } from '../../rotation/dutyAt.js';
import { scheduleFromFile } from '../../rotation/scheduleFromFile.js';
import { utc } from './helpers.js';

const file = (shadows: string) => `timezone: Europe/Berlin
rotations:
  - { id: ops, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [alice@contoso.com, bob@contoso.com], shadows: ${shadows} }
`;
const errors = (text: string) => {
  const r = parseRotationFile(text);
  return r.ok ? [] : r.error.map(formatFieldError);
};

describe('shadows in the rotation file', () => {
  it('a shadow who is in no roster is valid (addresses are read in lower case)', () => {
    expect(errors(file('[Dave@Contoso.com, erin@contoso.com]'))).toEqual([]);
  });

  it('a shadow who is also a member is refused, naming both fields', () => {
    expect(errors(file('[dave@contoso.com, bob@contoso.com]'))).toEqual([
      'rotations[0].shadows[1]: "bob@contoso.com" is also members[1]: a person either shadows the rotation or is on it; remove them from one of the two',
    ]);
  });

  it('a shadow listed twice is refused (they would get every copy twice)', () => {
    expect(errors(file('[dave@contoso.com, DAVE@contoso.com]'))).toEqual(['rotations[0].shadows[1]: "dave@contoso.com" is listed twice (also shadows[0])']);
  });

  it('more than 20 shadows is refused', () => {
    const many = Array.from({ length: 21 }, (_, i) => `s${i}@contoso.com`).join(', ');
    expect(errors(file(`[${many}]`))).toEqual(['rotations[0].shadows: expected at most 20 shadows']);
  });
});

describe('shadows are never on duty', () => {
  const parsed = parseRotationFile(file('[dave@contoso.com]'));
  if (!parsed.ok) throw new Error('fixture');
  const s = scheduleFromFile(parsed.value);

  it('are not counted in fairness: only the members are listed, and their shares add up to 1', () => {
    const [ops] = fairness(s, utc('2026-01-05T11:00'), utc('2026-01-19T11:00'));
    expect(ops?.members.map((m) => [m.member, m.onDutyHours, m.share])).toEqual([
      ['alice@contoso.com', 168, 0.5],
      ['bob@contoso.com', 168, 0.5],
    ]);
  });

  it('are never the one on duty, now or next', () => {
    const [a] = dutyAt(s, utc('2026-01-06T12:00'), ['ops']);
    expect([a?.now?.members, a?.next?.members]).toEqual([['alice@contoso.com'], ['bob@contoso.com']]);
  });
});
