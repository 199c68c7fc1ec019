import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFieldError, parseRotationFile, validateRotationFile, type FieldError } from '../../rotation/file.js';

const base = () => ({
  timezone: 'Europe/Berlin',
  rotations: [
    { id: 'ops', start: '2026-01-05', every: '1w', handoff: 'Mon 12:00', members: ['alice@contoso.com', 'bob@contoso.com'] } as Record<string, unknown>,
    { id: 'night', start: '2026-01-05', every: '1d', handoff: '08:00', members: ['carol@contoso.com', 'dave@contoso.com'] } as Record<string, unknown>,
  ],
  overrides: [] as Array<Record<string, unknown>>,
  timeOff: [] as Array<Record<string, unknown>>,
});
type File = ReturnType<typeof base>;

function errorsOf(mutate: (f: File) => void): FieldError[] {
  const f = base();
  mutate(f);
  const r = validateRotationFile(f);
  return r.ok ? [] : r.error;
}

function checked(mutate: (f: File) => void) {
  const f = base();
  mutate(f);
  return validateRotationFile(f);
}

describe('validateRotationFile', () => {
  it('accepts a minimal file and applies defaults', () => {
    const r = validateRotationFile({ rotations: [{ id: 'a', start: '2026-01-05', every: '3d', handoff: '09:00', members: ['A@X.COM'] }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.timezone).toBe('UTC');
    expect(r.value.rotations[0]?.onDuty).toBe(1);
    expect(r.value.rotations[0]?.members).toEqual(['a@x.com']);
  });

  const r0 = (f: File) => f.rotations[0] as Record<string, unknown>;
  const r1 = (f: File) => f.rotations[1] as Record<string, unknown>;
  it.each<[string, (f: File) => void, string, RegExp]>([
    ['unknown top-level zone', (f) => void (f.timezone = 'Europe/Berln'), 'timezone', /unknown time zone/],
    ['unknown rotation zone', (f) => void (r1(f).timezone = 'Mars/Olympus'), 'rotations[1].timezone', /unknown time zone/],
    ['bad every', (f) => void (r0(f).every = '1m'), 'rotations[0].every', /"1w"/],
    ['unparseable handoff', (f) => void (r1(f).handoff = '9am'), 'rotations[1].handoff', /^expected "Mon 12:00" or "09:00"$/],
    ['weekly handoff without weekday', (f) => void (r0(f).handoff = '12:00'), 'rotations[0].handoff', /weekday/],
    ['daily handoff with weekday', (f) => void (r1(f).handoff = 'Tue 08:00'), 'rotations[1].handoff', /time only/],
    ['weekly start not on handoff weekday', (f) => void (r0(f).start = '2026-01-06'), 'rotations[0].start', /is a Tue.*must start on a Mon/],
    ['impossible start date', (f) => void (r0(f).start = '2026-02-30'), 'rotations[0].start', /expected a date/],
    ['duplicate id', (f) => void (r1(f).id = 'ops'), 'rotations[1].id', /duplicate id "ops"/],
    ['bad id', (f) => void (r0(f).id = 'Ops Team'), 'rotations[0].id', /lowercase/],
    ['member listed twice (case-insensitive)', (f) => void (r0(f).members = ['a@x.com', 'A@x.com']), 'rotations[0].members[1]', /listed twice/],
    ['onDuty larger than roster', (f) => void (r0(f).onDuty = 3), 'rotations[0].onDuty', /only 2 member/],
    ['onDuty zero', (f) => void (r0(f).onDuty = 0), 'rotations[0].onDuty', /.+/],
    ['avoid unknown rotation', (f) => void (r0(f).avoid = [{ rotation: 'nope', within: '12h' }]), 'rotations[0].avoid[0].rotation', /unknown rotation "nope"/],
    ['bad avoid within', (f) => void (r0(f).avoid = [{ rotation: 'night', within: 'soon' }]), 'rotations[0].avoid[0].within', /12h/],
    [
      'avoid cycle',
      (f) => {
        r0(f).avoid = [{ rotation: 'night', within: '12h' }];
        r1(f).avoid = [{ rotation: 'ops', within: '12h' }];
      },
      'rotations[1].avoid[0].rotation',
      /avoid cycle: .*ops.*night|avoid cycle: .*night.*ops/,
    ],
    ['avoid itself', (f) => void (r0(f).avoid = [{ rotation: 'ops', within: '1h' }]), 'rotations[0].avoid[0].rotation', /cycle/],
    ['escalation unknown', (f) => void (r0(f).escalation = 'dev'), 'rotations[0].escalation', /unknown rotation "dev"/],
    ['escalation to itself', (f) => void (r1(f).escalation = 'night'), 'rotations[1].escalation', /^escalation cycle: night → night \(a rotation cannot escalate to itself\)$/],
    [
      'escalation cycle of two',
      (f) => {
        r0(f).escalation = 'night';
        r1(f).escalation = 'ops';
      },
      'rotations[0].escalation',
      /^escalation cycle: ops → night → ops$/,
    ],
    ['bad member: no domain', (f) => void (r0(f).members = ['alice@contoso']), 'rotations[0].members[0]', /^expected an e-mail address or UPN such as alice@contoso.com$/],
    ['bad member: display name', (f) => void (r0(f).members = ['Alice <alice@contoso.com>']), 'rotations[0].members[0]', /e-mail/],
    ['bad admin address', (f) => void ((f as Record<string, unknown>).admins = ['erin@']), 'admins[0]', /e-mail/],
    ['days on weekly', (f) => void (r0(f).days = ['Mon']), 'rotations[0].days', /day-based/],
    ['bad weekday in days', (f) => void (r1(f).days = ['Mon', 'Funday']), 'rotations[1].days[1]', /weekday/],
    ['days that every 7d never reaches', (f) => Object.assign(r1(f), { every: '7d', days: ['Tue'] }), 'rotations[1].days', /never lands on Tue/],
    ['bad hours', (f) => void (r1(f).hours = '20:00-8'), 'rotations[1].hours', /20:00-08:00/],
    ['unknown key in rotation', (f) => void (r0(f).memebers = []), 'rotations[0].memebers', /unknown field/],
    ['unknown top-level key', (f) => void ((f as Record<string, unknown>).timeoff = []), 'timeoff', /unknown field/],
    ['tag name too long', (f) => void (r0(f).tag = { team: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'x'.repeat(41) }), 'rotations[0].tag.name', /.+/],
    [
      'tag team neither a group id nor a thread id',
      (f) => void (r0(f).tag = { team: 'platform', name: 'ops' }),
      'rotations[0].tag.team',
      /^expected the team's group id \(a GUID such as "0f3a1b2c-…"\) or its Teams thread id \("19:…@thread\.tacv2"\), not "platform"$/,
    ],
    [
      'channel team: a GUID without its dashes',
      (f) => void (r0(f).channel = { team: '6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b', id: '19:x@thread.tacv2' }),
      'rotations[0].channel.team',
      /^expected the team's group id .* not "6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b"$/,
    ],
    ['missing members', (f) => void delete r0(f).members, 'rotations[0].members', /required/],
    ['bad member', (f) => void (r0(f).members = ['alice']), 'rotations[0].members[0]', /e-mail/],
    [
      'override to <= from',
      (f) => f.overrides.push({ rotation: 'ops', from: '2026-03-02T12:00', to: '2026-03-02T12:00', member: 'bob@contoso.com' }),
      'overrides[0].to',
      /after from/,
    ],
    [
      'override unknown rotation',
      (f) => f.overrides.push({ rotation: 'opz', from: '2026-03-02', to: '2026-03-03', member: 'bob@contoso.com' }),
      'overrides[0].rotation',
      /unknown rotation/,
    ],
    ['bad override time', (f) => f.overrides.push({ rotation: 'ops', from: 'tomorrow', to: '2026-03-03', member: 'bob@contoso.com' }), 'overrides[0].from', /date/],
    [
      'time off unknown rotation',
      (f) => f.timeOff.push({ member: 'bob@contoso.com', from: '2026-03-09', to: '2026-03-13', rotation: 'nope' }),
      'timeOff[0].rotation',
      /unknown rotation/,
    ],
    ['time off ending before it starts', (f) => f.timeOff.push({ member: 'bob@contoso.com', from: '2026-03-09', to: '2026-03-08' }), 'timeOff[0].to', /after from/],
  ])('%s names %s', (_name, mutate, path, message) => {
    const errors = errorsOf(mutate);
    const hit = errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit?.message).toMatch(message);
  });

  it('accepts a one-day date-only time off (to is inclusive)', () => {
    expect(errorsOf((f) => f.timeOff.push({ member: 'bob@contoso.com', from: '2026-03-09', to: '2026-03-09' }))).toEqual([]);
  });

  it('accepts the fields the sync and bot add', () => {
    const errors = errorsOf((f) => {
      Object.assign(r0(f), {
        tag: { team: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'ops' },
        calendar: { mailbox: 'rota@contoso.com', name: 'Ops' },
        channel: { team: '19:0b2f6d1e9a8c4e3f@thread.tacv2', id: '19:x@thread.tacv2' },
        admins: ['Erin@Contoso.com'],
      });
      (f as Record<string, unknown>).admins = ['erin@contoso.com'];
    });
    expect(errors).toEqual([]);
  });

  it('reports every error at once, not the first', () => {
    const errors = errorsOf((f) => {
      f.timezone = 'Nowhere/City';
      r0(f).every = 'weekly';
      r1(f).members = ['carol@contoso.com', 'carol@contoso.com'];
      f.timeOff.push({ member: 'bob@contoso.com', from: '2026-03-09', to: '2026-03-13', rotation: 'nope' });
    });
    expect(errors.map((e) => e.path).sort()).toEqual(['rotations[0].every', 'rotations[1].members[1]', 'timeOff[0].rotation', 'timezone']);
  });

  it('reports an escalation loop of three once, from the rotation that comes first in the file', () => {
    const errors = errorsOf((f) => {
      f.rotations.push({ id: 'dev', start: '2026-01-05', every: '1w', handoff: 'Mon 09:00', members: ['erin@contoso.com'], escalation: 'night' });
      r0(f).escalation = 'dev';
      r1(f).escalation = 'ops';
    });
    expect(errors).toEqual([{ path: 'rotations[0].escalation', message: 'escalation cycle: ops → dev → night → ops' }]);
  });

  it('accepts an escalation chain that ends', () => {
    expect(errorsOf((f) => void (r0(f).escalation = 'night'))).toEqual([]);
  });

  it.each<[string, (f: File) => void, string, string]>([
    [
      'a cover by someone in no rotation',
      (f) => f.overrides.push({ rotation: 'ops', from: '2026-03-02', to: '2026-03-03', member: 'bobby@contoso.com' }),
      'overrides[0].member',
      '"bobby@contoso.com" is in no rotation; the cover stands (check the address)',
    ],
    [
      'a cover by an admin who is in no rotation',
      (f) => {
        (f as Record<string, unknown>).admins = ['erin@contoso.com'];
        f.overrides.push({ rotation: 'ops', from: '2026-03-02', to: '2026-03-03', member: 'erin@contoso.com' });
      },
      'overrides[0].member',
      '"erin@contoso.com" is in no rotation; the cover stands (check the address)',
    ],
    [
      'a cover for someone no longer in the rotation',
      (f) => f.overrides.push({ rotation: 'ops', from: '2026-03-02', to: '2026-03-03', member: 'bob@contoso.com', replaces: 'carol@contoso.com' }),
      'overrides[0].replaces',
      '"carol@contoso.com" is not a member of rotation "ops"; the cover stands',
    ],
    [
      'time off for someone in no rotation',
      (f) => f.timeOff.push({ member: 'zed@contoso.com', from: '2026-03-09', to: '2026-03-13' }),
      'timeOff[0].member',
      '"zed@contoso.com" is in no rotation; this time off changes nothing',
    ],
    [
      'time off in a rotation one is not in',
      (f) => f.timeOff.push({ member: 'carol@contoso.com', from: '2026-03-09', to: '2026-03-13', rotation: 'ops' }),
      'timeOff[0].member',
      '"carol@contoso.com" is not a member of rotation "ops"; this time off changes nothing',
    ],
  ])('%s is a warning at %s, not an error', (_name, mutate, path, message) => {
    const r = checked(mutate);
    expect(r.ok ? [] : r.error).toEqual([]);
    expect(r.warnings).toEqual([{ path, message }]);
  });

  it('a clean file has no warnings; a cover by a member has none either', () => {
    const r = checked((f) => f.overrides.push({ rotation: 'ops', from: '2026-03-02', to: '2026-03-03', member: 'carol@contoso.com', replaces: 'alice@contoso.com' }));
    expect(r.ok && r.warnings).toEqual([]);
  });
});

describe('parseRotationFile', () => {
  it('parses the example file', () => {
    const text = readFileSync(new URL('./fixtures/example.yaml', import.meta.url), 'utf8');
    const r = parseRotationFile(text);
    expect(r.ok ? [] : r.error.map(formatFieldError)).toEqual([]);
  });

  it('formats errors as path: message, with the YAML line', () => {
    const r = parseRotationFile('rotations:\n  - id: ops\n    start: 2026-01-05\n    every: 1w\n    handoff: "noon"\n    members: [a@x.com]\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map(formatFieldError)).toEqual(['rotations[0].handoff: expected "Mon 12:00" or "09:00"']);
    expect(r.error[0]?.line).toBe(5);
  });

  it('turns YAML syntax errors into errors with a line', () => {
    const r = parseRotationFile('rotations:\n  - id: a\n    members: [a@x.com\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]?.message).toMatch(/^YAML: /);
    expect(r.error[0]?.line).toBeGreaterThan(0);
  });

  it('gives a warning the YAML line of its field', () => {
    const r = parseRotationFile(
      'rotations:\n  - { id: ops, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [a@x.com] }\noverrides:\n  - { rotation: ops, from: 2026-03-02, to: 2026-03-03, member: guest@y.org }\n',
    );
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([{ path: 'overrides[0].member', message: '"guest@y.org" is in no rotation; the cover stands (check the address)', line: 4 }]);
  });

  it('refuses an empty file', () => {
    const r = parseRotationFile('');
    expect(r.ok).toBe(false);
  });

  it('reads unquoted dates and times as text, not YAML 1.1 timestamps or sexagesimals', () => {
    const r = parseRotationFile('rotations:\n  - id: a\n    start: 2026-01-05\n    every: 1d\n    handoff: 09:00\n    members: [a@x.com]\n');
    expect(r.ok && r.value.rotations[0]?.handoff).toBe('09:00');
  });
});
