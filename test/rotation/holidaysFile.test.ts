import { describe, expect, it } from 'vitest';
import { formatFieldError, parseRotationFile } from '../../rotation/file.js';

const file = (holidays: string, every = '1d', handoff = '"09:00"') => `timezone: Europe/Berlin
rotations:
  - { id: mro, start: 2026-01-05, every: ${every}, handoff: ${handoff}, members: [a@x.com, b@x.com], holidays: ${holidays} }
`;
const errors = (text: string) => {
  const r = parseRotationFile(text);
  return r.ok ? [] : r.error.map(formatFieldError);
};

describe('holidays in the rotation file', () => {
  it.each([
    ['{ country: DE, region: BY }'],
    ['{ country: DE, region: BY, dates: [2026-12-24] }'],
    ['{ country: US }'],
    ['[2026-12-24, 2026-12-31]'],
  ])('%s is valid', (holidays) => {
    expect(errors(file(holidays))).toEqual([]);
  });

  it('an unknown country is named, with a few codes to pick from', () => {
    const [e, ...rest] = errors(file('{ country: XX }'));
    expect(rest).toEqual([]);
    expect(e).toMatch(/^rotations\[0\]\.holidays\.country: unknown country "XX" \(expected an ISO 3166-1 code the holiday library knows, such as DE, FR, GB, US, /);
    expect(e).toMatch(/ … \(\d+ in all\)\)$/);
  });

  it('an unknown region is named with the country\'s regions', () => {
    expect(errors(file('{ country: DE, region: ZZ }'))).toEqual([
      'rotations[0].holidays.region: unknown region "ZZ" of DE (expected one of BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH … (16 in all))',
    ]);
  });

  it('a malformed code is refused by the field rule before the library is asked', () => {
    expect(errors(file('{ country: Germany }'))).toEqual(['rotations[0].holidays.country: expected a two-letter country code such as "DE"']);
  });

  it('a weekly rotation may have holidays now: they count in stats and move no handoff', () => {
    expect(errors(file('{ country: DE, region: BY }', '1w', '"Mon 12:00"'))).toEqual([]);
  });
});
