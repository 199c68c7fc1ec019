import { describe, expect, it } from 'vitest';
import { validateRotationFile } from '../../rotation/file.js';

const file = (extra: Record<string, unknown>) => ({
  rotations: [{ id: 'ops', start: '2026-01-05', every: '1w', handoff: 'Mon 12:00', members: ['alice@contoso.com'], ...extra }],
});

describe('blockPersonalCalendars', () => {
  it('is off unless set', () => {
    const r = validateRotationFile(file({}));
    expect(r.ok && r.value.rotations[0]!.blockPersonalCalendars).toBeUndefined();
  });

  it.each([true, false])('accepts %s', (value) => {
    const r = validateRotationFile(file({ blockPersonalCalendars: value }));
    expect(r.ok && r.value.rotations[0]!.blockPersonalCalendars).toBe(value);
  });

  it.each([['yes'], [1], [['alice@contoso.com']]])('refuses %j with the field named', (value) => {
    const r = validateRotationFile(file({ blockPersonalCalendars: value }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((e) => e.path)).toEqual(['rotations[0].blockPersonalCalendars']);
  });

  it('a misspelling is an error, never silently off', () => {
    const r = validateRotationFile(file({ blockPersonalCalendar: true }));
    expect(r.ok).toBe(false);
  });
});
