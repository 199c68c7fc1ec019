import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillInputs, parseClick } from '../../app/cli/chat/inputs.js';
import { renderCard, type CardAction } from '../../app/cli/chat/render.js';
import { startBot, stopBot, type BotWorld } from '../bot/botHarness.js';
import { freePort, Terminal } from './cliChatKit.js';

const row = (...cells: string[]) => ({ type: 'TableRow', cells: cells.map((c) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text: c }] })) });

/** One of every Adaptive Card 1.5 input (properties from the schema explorer), and the text elements and actions. */
const CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Everything', size: 'Large', weight: 'Bolder' },
    { type: 'Input.Text', id: 'note', label: 'Note', isMultiline: true, value: 'line 1\nline 2', maxLength: 50 },
    { type: 'Input.Text', id: 'code', label: 'Code', isRequired: true, regex: '^[A-Z]{3}$', errorMessage: 'Three capitals', placeholder: 'ABC' },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', items: [{ type: 'Input.ChoiceSet', id: 'day', label: 'Day', style: 'compact', choices: [{ title: 'Monday', value: 'Mon' }, { title: 'Tue', value: 'Tue' }], value: 'Mon' }] },
        { type: 'Column', items: [{ type: 'Input.Time', id: 'at', label: 'At', value: '09:00', min: '06:00', max: '22:00' }] },
      ],
    },
    { type: 'Input.ChoiceSet', id: 'who', label: 'Who', isMultiSelect: true, style: 'expanded', choices: [{ title: 'Alice', value: 'alice@contoso.com' }, { title: 'Bob', value: 'bob@contoso.com' }], value: 'bob@contoso.com' },
    { type: 'Input.ChoiceSet', id: 'size', label: 'Size', style: 'expanded', choices: [{ title: 'S', value: 'S' }, { title: 'M', value: 'M' }] },
    { type: 'Input.Date', id: 'from', label: 'From', value: '2026-12-07', min: '2026-12-01' },
    { type: 'Input.Number', id: 'count', label: 'How many', min: 1, max: 5, value: 1 },
    { type: 'Input.Toggle', id: 'notify', title: 'Tell the channel', valueOn: 'yes', valueOff: 'no', value: 'yes' },
    { type: 'FactSet', facts: [{ title: 'Rotation', value: 'ops' }] },
    { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: 'Left' }] }, { type: 'Column', items: [{ type: 'TextBlock', text: '<at>Bob</at>' }] }] },
    { type: 'Table', rows: [row('A', 'Bee'), row('Cee', 'D')] },
    { type: 'Input.Text', id: 'hidden', label: 'Hidden', isVisible: false },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Save', verb: 'x.save', data: { k: 1 } },
    { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.com/rota' },
    { type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'why', label: 'Why' }], actions: [{ type: 'Action.Submit', title: 'Send', data: { verb: 'x.more' } }] } },
  ],
};

function rendered() {
  const buttons: CardAction[] = [];
  const text = renderCard(CARD, (a) => buttons.push(a));
  return { text, buttons };
}

describe('the terminal chat renders every card input and fills it', () => {
  it('shows each input with its label, current value, what it takes, and its choices', () => {
    expect(rendered().text).toBe(
      [
        '┌────',
        '│ == Everything ==',
        '│   [note] Note: line 1\\nline 2 (text, \\n for a new line, at most 50 characters)',
        '│   [code] Code *: (text, e.g. ABC)',
        '│   [day] Day: Mon (one of the choices)',
        '│       choices: Mon — Monday | Tue',
        '│   [at] At: 09:00 (time HH:MM, from 06:00, until 22:00)',
        '│   [who] Who: bob@contoso.com (any of the choices, as a comma list)',
        '│       [ ] alice@contoso.com — Alice',
        '│       [x] bob@contoso.com — Bob',
        '│   [size] Size: (one of the choices)',
        '│       ( ) S',
        '│       ( ) M',
        '│   [from] From: 2026-12-07 (date YYYY-MM-DD, from 2026-12-01)',
        '│   [count] How many: 1 (number, at least 1, at most 5)',
        '│   [notify] Tell the channel: on (on (yes) or off (no))',
        '│   Rotation: ops',
        '│ Left   @Bob',
        '│   A   | Bee',
        '│   Cee | D',
        '│   (1) Save',
        '│   Docs: https://example.com/rota',
        '│   ▸ More:',
        '│       [why] Why: (text)',
        '│       (2) Send',
        '└────',
      ].join('\n'),
    );
  });

  const defaults = { note: 'line 1\nline 2', code: 'ABC', day: 'Mon', at: '09:00', who: 'bob@contoso.com', from: '2026-12-07', count: '1', notify: 'yes' };
  it.each([
    ['the current values, empty ones left out', [['code', 'ABC']], { ok: true, value: defaults }],
    ['a choice by its value', [['code', 'ABC'], ['day', 'Tue']], { ok: true, value: { ...defaults, day: 'Tue' } }],
    ['a multi-select as a comma list', [['code', 'ABC'], ['who', 'alice@contoso.com, bob@contoso.com']], { ok: true, value: { ...defaults, who: 'alice@contoso.com,bob@contoso.com' } }],
    ['a toggle by on/off', [['code', 'ABC'], ['notify', 'off']], { ok: true, value: { ...defaults, notify: 'no' } }],
    ['a number, a date and a time in range', [['code', 'ABC'], ['count', '5'], ['from', '2026-12-01'], ['at', '22:00']], { ok: true, value: { ...defaults, count: '5', from: '2026-12-01', at: '22:00' } }],
    ['a required input left empty', [], { ok: false, error: 'code (Code): Three capitals' }],
    ['text that does not match its regex', [['code', 'abc']], { ok: false, error: 'code (Code): expected text matching ^[A-Z]{3}$, got "abc"' }],
    ['a choice that is not offered', [['code', 'ABC'], ['day', 'Monday']], { ok: false, error: 'day (Day): expected one of Mon, Tue; "Monday" is not one of them' }],
    ['a multi-select with a stranger', [['code', 'ABC'], ['who', 'alice@contoso.com,carol@contoso.com']], { ok: false, error: 'who (Who): expected a comma list of alice@contoso.com, bob@contoso.com; "carol@contoso.com" is not one of them' }],
    ['a date that does not exist', [['code', 'ABC'], ['from', '2026-02-30']], { ok: false, error: 'from (From): expected a date as YYYY-MM-DD, such as 2026-03-09, got "2026-02-30"' }],
    ['a date before min', [['code', 'ABC'], ['from', '2026-11-30']], { ok: false, error: 'from (From): expected 2026-12-01 or later, got 2026-11-30' }],
    ['a time that is not HH:MM', [['code', 'ABC'], ['at', '24:00']], { ok: false, error: 'at (At): expected a time as HH:MM (24 h), such as 09:00, got "24:00"' }],
    ['a time after max', [['code', 'ABC'], ['at', '22:30']], { ok: false, error: 'at (At): expected 22:00 or earlier, got 22:30' }],
    ['a number below min', [['code', 'ABC'], ['count', '0']], { ok: false, error: 'count (How many): expected at least 1, got 0' }],
    ['a number that is not one', [['code', 'ABC'], ['count', 'two']], { ok: false, error: 'count (How many): expected a number, got "two"' }],
    ['a toggle neither on nor off', [['code', 'ABC'], ['notify', 'maybe']], { ok: false, error: 'notify (Tell the channel): expected on or off (yes or no), got "maybe"' }],
    ['a field the card does not have', [['why', 'x']], { ok: false, error: 'This card has no field "why"; its fields are note, code, day, at, who, size, from, count, notify.' }],
  ] as const)('fills %s', (_name, typed, expected) => {
    expect(fillInputs(rendered().buttons[0]!.inputs, typed.map(([k, v]) => [k, v]))).toEqual(expected);
  });

  it("gives a ShowCard's button its own inputs and the card's", () => {
    const send = rendered().buttons[1]!;
    expect(send).toMatchObject({ title: 'Send', kind: 'submit', data: { verb: 'x.more' } });
    expect(fillInputs(send.inputs, [['code', 'XYZ'], ['why', 'because']])).toEqual({ ok: true, value: { ...defaults, code: 'XYZ', why: 'because' } });
  });

  it.each([
    ['/click 1 notes=Failover half done openItems=INC-1\\nINC-2', { ok: true, value: { n: 1, fields: [['notes', 'Failover half done'], ['openItems', 'INC-1\nINC-2']] } }],
    ['/click 2 a="x = y" b=c', { ok: true, value: { n: 2, fields: [['a', 'x = y'], ['b', 'c']] } }],
    ['/click 3', { ok: true, value: { n: 3, fields: [] } }],
    ['/click', { ok: false, error: "Say /click N to press button N, with field=value for the card's fields: /click 1 notes=All quiet" }],
    ['/click 1 oops', { ok: false, error: 'I could not read "oops" as field=value; quote a value that holds spaces before an = sign: notes="a = b"' }],
  ] as const)('reads %s', (line, expected) => {
    expect(parseClick(line)).toEqual(expected);
  });
});

describe("setup in the terminal chat: the form's day, time, start date and on-duty count are shown and filled", () => {
  let bot: BotWorld;
  beforeAll(async () => {
    bot = await startBot('sqlite', []);
  });
  afterAll(() => stopBot(bot));

  it('renders the ChoiceSet, Time, Date and Number inputs, refuses a wrong choice, and saves what was typed', async () => {
    const erin = new Terminal('erin@contoso.com', 'Erin', { botUrl: bot.h.rota.url, connectorPort: await freePort() });
    await erin.say('setup payments', '(1) Save rotation');
    expect(erin.output).toContain(
      [
        '│   [members] Members, in rotation order: (people picker (graph.microsoft.com/users): e-mail addresses or Entra object ids, as a comma list)',
        '│   [every] Every (shift length: 1d, 1w, 2w…): 1w (text)',
        '│   [weekday] Handoff day: Mon (one of the choices)',
        '│       choices: Mon | Tue | Wed | Thu | Fri | Sat | Sun | any — Any day (day-based rotations)',
        '│   [time] Handoff time: 09:00 (time HH:MM)',
        '│   [timezone] Time zone (IANA, such as Europe/Berlin): Europe/Berlin (text)',
        // Wednesday 4 March 2026: the form proposes the next Monday.
        '│   [start] Start date (the first handoff): 2026-03-09 (date YYYY-MM-DD)',
        '│   [onDuty] People on duty at once: 1 (number, at least 1)',
      ].join('\n'),
    );
    await erin.say('/click 1 weekday=Tues', 'weekday (Handoff day)');
    expect(erin.output).toContain('weekday (Handoff day): expected one of Mon, Tue, Wed, Thu, Fri, Sat, Sun, any; "Tues" is not one of them');
    await erin.say('/click 1 onDuty=0', 'onDuty (People on duty at once)');
    expect(erin.output).toContain('onDuty (People on duty at once): expected at least 1, got 0');
    await erin.say('/click 1 name=Payments on call members=alice@contoso.com, bob@contoso.com weekday=Tue time=10:00 start=2026-03-10 onDuty=2', 'Rota (card replaced)');
    expect(erin.output).toContain(
      ['│ == ✅ Payments on call (payments) created ==', '│   Members: alice@contoso.com, bob@contoso.com', '│   Every: 1w', '│   Handoff: Tue 10:00 Europe/Berlin', '│   Start: 2026-03-10', '│   On duty: 2'].join('\n'),
    );
    await erin.quit();
  });
});
