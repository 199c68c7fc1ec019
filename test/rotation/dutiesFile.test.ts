import { describe, expect, it } from 'vitest';
import { parseRotationFile, type FieldError } from '../../rotation/file.js';

/** A one-rotation file; `fields` are more lines of the rotation (indented 4), `duties` its checklist lines. */
function fileText(duties: string[], fields: string[] = []): string {
  return [
    'timezone: Europe/Berlin',
    'rotations:',
    '  - id: ops',
    '    start: 2026-01-05',
    '    every: 1w',
    '    handoff: "Mon 12:00"',
    '    members: [alice@contoso.com, bob@contoso.com]',
    ...fields.map((f) => `    ${f}`),
    ...(duties.length ? ['    duties:', ...duties.map((d) => `      - ${d}`)] : []),
    '',
  ].join('\n');
}

function problems(text: string): { errors: FieldError[]; warnings: FieldError[] } {
  const r = parseRotationFile(text);
  return { errors: r.ok ? [] : r.error, warnings: r.warnings };
}

const AT = 'expected "Mon-Fri 09:15", "Thu 18:00" or "09:15"';

describe('a rotation file\'s duties and checks: every problem names its field and line', () => {
  it.each<[string, string[], string[], FieldError[]]>([
    ['an hour without its leading zero', ['{ at: "Mon-Fri 9:15", task: Check }'], [], [{ path: 'rotations[0].duties[0].at', message: AT, line: 9 }]],
    ['a weekday in lower case', ['{ at: "mon 09:15", task: Check }'], [], [{ path: 'rotations[0].duties[0].at', message: AT, line: 9 }]],
    ['a range of three days', ['{ at: "Mon-Wed-Fri 09:15", task: Check }'], [], [{ path: 'rotations[0].duties[0].at', message: AT, line: 9 }]],
    ['24:00', ['{ at: "24:00", task: Check }'], [], [{ path: 'rotations[0].duties[0].at', message: AT, line: 9 }]],
    ['a number for a time', ['{ at: 915, task: Check }'], [], [{ path: 'rotations[0].duties[0].at', message: AT, line: 9 }]],
    ['no time', ['{ task: Check }'], [], [{ path: 'rotations[0].duties[0].at', message: 'required', line: 9 }]],
    ['the second duty wrong', ['{ at: "09:15", task: Check }', '{ at: "Thu 1800", task: Push }'], [], [{ path: 'rotations[0].duties[1].at', message: AT, line: 10 }]],
    ['an empty task', ['{ at: "09:15", task: "  " }'], [], [{ path: 'rotations[0].duties[0].task', message: 'expected the task, e.g. "Check the nightly backup report"', line: 9 }]],
    ['a task that is a list', ['{ at: "09:15", task: [a, b] }'], [], [{ path: 'rotations[0].duties[0].task', message: 'expected the task as text', line: 9 }]],
    ['a task of 501 characters', [`{ at: "09:15", task: ${'x'.repeat(501)} }`], [], [{ path: 'rotations[0].duties[0].task', message: 'expected at most 500 characters', line: 9 }]],
    ['a link that is not http(s)', ['{ at: "09:15", task: Check, link: "ftp://files.contoso.com" }'], [], [{ path: 'rotations[0].duties[0].link', message: 'expected an http(s) link such as "https://runbooks.contoso.com/backups"', line: 9 }]],
    ['an unknown post', ['{ at: "09:15", task: Check, post: team }'], [], [{ path: 'rotations[0].duties[0].post', message: 'expected "personal" (the default) or "channel"', line: 9 }]],
    ['a misspelt field', ['{ at: "09:15", task: Check, lnk: "https://x.contoso.com" }'], [], [{ path: 'rotations[0].duties[0].lnk', message: 'unknown field', line: 9 }]],
    ['a bad morning check', [], ['morningCheck: "9am"'], [{ path: 'rotations[0].morningCheck', message: AT, line: 8 }]],
    ['a bad evening check', [], ['morningCheck: "09:00"', 'eveningCheck: "17.30"'], [{ path: 'rotations[0].eveningCheck', message: AT, line: 9 }]],
    [
      'the same duty twice',
      ['{ at: "Mon-Fri 09:15", task: Check the backups }', '{ at: "Thu 18:00", task: Push }', '{ at: "Wed,Sat 09:15", task: check the backups }'],
      [],
      [{ path: 'rotations[0].duties[2]', message: 'the same duty as duties[0] ("check the backups" at 09:15 on Wed): it would be sent twice', line: 11 }],
    ],
    [
      'the same duty written with other spaces',
      ['{ at: "09:15", task: Check }', '{ at: " 09:15 ", task: "Check " }'],
      [],
      [{ path: 'rotations[0].duties[1]', message: 'the same duty as duties[0] ("Check" at 09:15 on every day): it would be sent twice', line: 10 }],
    ],
    [
      'two duties whose ids collide (FNV-1a, found by search)',
      ['{ at: "09:15", task: certs backups queue disk logs }', '{ at: "09:15", task: alerts nightly dashboards logs nightly }'],
      [],
      [{ path: 'rotations[0].duties[1]', message: 'duties[0] has the same id (575c34b9); reword one of the two tasks slightly', line: 10 }],
    ],
    ['duties are at most 50', Array.from({ length: 51 }, (_, i) => `{ at: "09:15", task: "Task ${i}" }`), [], [{ path: 'rotations[0].duties', message: 'expected at most 50 duties', line: 9 }]],
  ])('%s', (_name, duties, fields, expected) => {
    expect(problems(fileText(duties, fields))).toEqual({ errors: expected, warnings: [] });
  });

  it('reports every problem at once, in the schema\'s order of fields', () => {
    const text = fileText(['{ at: "Fri-Mon 8:00", task: "" }'], ['morningCheck: "Mon-Fri"']);
    expect(problems(text).errors).toEqual([
      { path: 'rotations[0].duties[0].at', message: AT, line: 10 },
      { path: 'rotations[0].duties[0].task', message: 'expected the task, e.g. "Check the nightly backup report"', line: 10 },
      { path: 'rotations[0].morningCheck', message: AT, line: 8 },
    ]);
  });

  it('accepts the issue\'s checklist and leaves the same task at other times alone', () => {
    const text = fileText(
      [
        '{ at: "Mon-Fri 09:15", task: "Check overnight alerts and the nightly backup report", link: "https://runbooks.contoso.com/backups" }',
        '{ at: "Thu 18:00", task: "Push the release candidate to pre-production" }',
        '{ at: "Sat 08:00", task: "Check overnight alerts and the nightly backup report" }',
        '{ at: "Fri-Mon 10:00", task: "Check overnight alerts and the nightly backup report" }',
      ],
      ['channel: { team: "00000000-0000-0000-0000-000000000000", id: "19:ops@thread.tacv2" }', 'morningCheck: "09:00"', 'eveningCheck: "17:30"'],
    );
    const r = parseRotationFile(text);
    expect(r.warnings).toEqual([]);
    expect(r.ok && r.value.rotations[0]).toMatchObject({
      morningCheck: '09:00',
      eveningCheck: '17:30',
      duties: [
        { at: 'Mon-Fri 09:15', task: 'Check overnight alerts and the nightly backup report', link: 'https://runbooks.contoso.com/backups' },
        { at: 'Thu 18:00', task: 'Push the release candidate to pre-production' },
        { at: 'Sat 08:00', task: 'Check overnight alerts and the nightly backup report' },
        { at: 'Fri-Mon 10:00', task: 'Check overnight alerts and the nightly backup report' },
      ],
    });
  });

  it('stores a time with its spaces normalised, so re-spacing it keeps the duty the same', () => {
    const r = parseRotationFile(fileText(['{ at: "  Mon-Fri    09:15 ", task: Check }'], ['morningCheck: " Mon-Fri  09:00"']));
    expect(r.ok && r.value.rotations[0]).toMatchObject({ morningCheck: 'Mon-Fri 09:00', duties: [{ at: 'Mon-Fri 09:15', task: 'Check' }] });
  });
});

describe('a rotation file\'s duties and checks: what is allowed but probably not meant is a warning', () => {
  it.each<[string, string[], string[], FieldError[]]>([
    [
      'a channel duty on a rotation with no channel',
      ['{ at: "Sat 08:00", task: Release day, post: channel }'],
      [],
      [{ path: 'rotations[0].duties[0].post', message: 'rotation "ops" has no channel: this card goes to the channel where "subscribe ops" was said; until then it is sent to each person on duty in a personal chat instead, and recorded as not delivered (no channel to post to)', line: 9 }],
    ],
    [
      'an evening check before the morning check',
      [],
      ['morningCheck: "09:00"', 'eveningCheck: "08:30"'],
      [{ path: 'rotations[0].eveningCheck', message: '08:30 is not after morningCheck 09:00 (on every day): the evening check would come first', line: 9 }],
    ],
    [
      'an evening check at the morning check\'s time on the days both name',
      [],
      ['morningCheck: "Mon-Fri 09:00"', 'eveningCheck: "Fri-Sun 09:00"'],
      [{ path: 'rotations[0].eveningCheck', message: '09:00 is not after morningCheck 09:00 (on Fri): the evening check would come first', line: 9 }],
    ],
    [
      'a duty outside the rotation\'s hours',
      ['{ at: "20:00", task: Check the dashboards }', '{ at: "Mon-Fri 09:15", task: Check the backups }'],
      ['hours: "20:00-08:00"'],
      [{ path: 'rotations[0].duties[1].at', message: '09:15 is outside hours 20:00-08:00: nobody is on duty then, so the card goes to whoever is on duty next', line: 11 }],
    ],
    [
      'checks outside the rotation\'s hours',
      [],
      ['hours: "20:00-08:00"', 'morningCheck: "07:59"', 'eveningCheck: "08:00"'],
      [{ path: 'rotations[0].eveningCheck', message: '08:00 is outside hours 20:00-08:00: nobody is on duty then', line: 10 }],
    ],
  ])('%s', (_name, duties, fields, expected) => {
    expect(problems(fileText(duties, fields))).toEqual({ errors: [], warnings: expected });
  });

  it.each<[string, string[]]>([
    ['an evening check on other days than the morning check', ['morningCheck: "Mon-Fri 09:00"', 'eveningCheck: "Sat 08:00"']],
    ['an evening check alone', ['eveningCheck: "08:00"']],
    ['a channel duty where the file names the channel', ['channel: { team: "00000000-0000-0000-0000-000000000000", id: "19:ops@thread.tacv2" }']],
    ['a personal duty (the default) on a rotation with no channel', []],
  ])('no warning for %s', (_name, fields) => {
    const post = fields.some((f) => f.startsWith('channel:')) ? ', post: channel' : '';
    expect(problems(fileText([`{ at: "Sat 08:00", task: Release day${post} }`], fields))).toEqual({ errors: [], warnings: [] });
  });
});
