import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handoverForm, helpCard, noticeCard, scheduleCard, swapCard } from '../../bot/cards.js';
import { handoffCard } from '../../bot/handoffCard.js';
import { COMMANDS } from '../../bot/commands.js';
import { eveningCheckCard } from '../../bot/checkCards.js';
import { coverConfirmCard, timeOffConfirmCard } from '../../bot/confirmCards.js';
import { dutyCard } from '../../bot/dutyCards.js';
import { parseCommand } from '../../bot/parseCommand.js';
import { ROUTES, RouteTable } from '../../bot/routes.js';
import { setupFormCard, setupSavedCard } from '../../bot/setupCards.js';
import { takeOverCard } from '../../bot/itemCards.js';
import { oofCard } from '../../bot/oofCards.js';

const alice = { email: 'alice@contoso.com', displayName: 'Alice Archer', teamsId: '29:alice' };
const bob = { email: 'bob@contoso.com' };
const rotation = { id: 'ops', name: 'Op of the Week', timezone: 'Europe/Berlin' };
const T = Date.parse('2026-03-09T11:00:00Z');
const setupValues = { id: 'pay', name: 'Payments', members: ['alice@contoso.com'], every: '1w', weekday: 'Tue', time: '10:00', timezone: 'Europe/Berlin', start: '2026-03-10', onDuty: '1' };
const swap = { swapId: 's1', rotation, proposer: alice, counterpart: bob, mine: { start: T, end: T + 1 }, theirs: { start: T + 2, end: T + 3 }, expiresAt: T, state: 'proposed' as const };

/** Every card Rota builds, in the state that carries buttons. */
const CARDS = [
  helpCard(),
  noticeCard('Saved.'),
  scheduleCard([{ rotation, segments: [] }], 'Schedule'),
  swapCard(swap, true),
  handoffCard({ key: 'k', rotation, at: T, outgoing: [alice], incoming: [bob], openItems: [] }),
  handoverForm(rotation),
  setupFormCard(setupValues, { dataset: 'graph.microsoft.com/users', current: [] }),
  setupSavedCard({ rotation: { id: 'pay', name: 'Payments', timezone: 'Europe/Berlin', def: { id: 'pay', start: '2026-03-10', every: '1w', handoff: 'Tue 10:00', onDuty: 1, members: ['alice@contoso.com'] } }, action: 'created', fields: [] }),
  timeOffConfirmCard({ recorded: false, zone: 'Europe/Berlin', range: { from: T, to: T + 90 * 86_400_000, fromDateOnly: true, toDateOnly: true }, days: 90 }, T),
  coverConfirmCard({ rotation, override: { rotationId: 'ops', member: 'bob@contoso.com', start: T, end: T + 90 * 86_400_000 }, days: 90 }, bob, T),
  takeOverCard({ requestId: 'take-1', item: { n: 1, rotationId: 'ops', kind: 'item', text: 'x', holder: alice, openedBy: alice, openedAt: T }, rotationName: 'Op of the Week', zone: 'Europe/Berlin', requester: bob, holder: alice, state: 'asked' }, T),
  dutyCard({ data: { occurrence: { key: 'duty:ops:x:2026-03-09', rotation: 'ops', dutyId: 'x', date: '2026-03-09', at: T, task: 'Check', post: 'personal' }, rotation }, status: 'open', late: false, assignees: [alice] }),
  eveningCheckCard({ key: 'check:evening:ops:2026-03-09', rotation, date: '2026-03-09', at: T, late: false, prefill: '', state: 'open' }),
  oofCard({ id: 'q1', member: alice, start: T, end: T + 86_400_000, detail: { rotationName: 'Ops', zone: 'UTC', shiftStart: T, more: 0 }, state: 'asked' }, T),
];

/** The verbs of a card's actions, wherever they sit (Action.Execute, and the Action.Submit fallback's data). */
function verbsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(verbsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'verb' && typeof value === 'string' ? [value] : verbsIn(value)));
}

/** Written by hand: what the card builders above put on their buttons. */
const CARD_VERBS = ['check.evening.submit', 'cover.confirm', 'cover.drop', 'duty.done', 'duty.skip', 'duty.snooze', 'handoff.ack', 'handover.save', 'item.take.accept', 'item.take.decline', 'oof.no', 'oof.yes', 'setup.save', 'swap.accept', 'swap.decline', 'timeoff.confirm', 'timeoff.drop'];

/** Written by hand: every command parseCommand can give (the ready ones in COMMANDS, and two phrasings of its own). */
const COMMAND_ROUTES = [
  'cancel', 'cancel time off', 'cover', 'duties', 'escalate', 'handover', 'help', 'is on call', 'item', 'item accept', 'item add', 'item assign', 'item done',
  'item take', 'items', 'my changes', 'my shifts', 'next', 'notify moves', 'remind', 'rotations', 'schedule', 'setup', 'stats', 'subscribe', 'swap',
  'take', 'time off', 'who',
];

describe('the route table (bot/routes.ts)', () => {
  it('routes exactly the hand-written commands', () => {
    expect([...ROUTES.commandNames].sort()).toEqual(COMMAND_ROUTES);
  });

  it.each(COMMANDS.filter((c) => c.ready).map((c) => c.name))('has a route for the ready command "%s"', (name) => {
    expect(ROUTES.commandFor(name)).toBeTypeOf('function');
  });

  it.each([
    ['who is on call', 'who'],
    ['next', 'next'],
    ['schedule ops 4 weeks', 'schedule'],
    ['my shifts', 'my shifts'],
    ['is bob on call tomorrow', 'is on call'],
    ['am i on call', 'is on call'],
    ['stats', 'stats'],
    ['rotations', 'rotations'],
    ['help', 'help'],
    ['cover @bob 10:00 to 12:00', 'cover'],
    ['override @bob 10:00 to 12:00', 'cover'],
    ['time off 2026-12-07 to 2026-12-11', 'time off'],
    ['swap next with bob', 'swap'],
    ['handover', 'handover'],
    ['remind 2h', 'remind'],
    ['setup', 'setup'],
    ['subscribe ops', 'subscribe'],
    ['my changes', 'my changes'],
    ['cancel 2', 'cancel'],
    ['cancel my time off', 'cancel time off'],
    ['duties ops tomorrow', 'duties'],
  ])('"%s" parses to the routed command %s', (text, command) => {
    const parsed = parseCommand(text);
    expect(parsed).toMatchObject({ kind: 'command', command });
    expect(ROUTES.commandFor(command)).toBeTypeOf('function');
  });

  it('the cards emit exactly the hand-written verbs, and every one has a route', () => {
    expect([...new Set(CARDS.flatMap(verbsIn))].sort()).toEqual(CARD_VERBS);
    expect([...ROUTES.cardVerbs].sort()).toEqual(CARD_VERBS);
    for (const verb of CARD_VERBS) expect(ROUTES.cardFor(verb)).toBeTypeOf('function');
  });

  it('knows no command or verb it was not given', () => {
    expect(ROUTES.commandFor('override')).toBeUndefined();
    expect(ROUTES.cardFor('swap.maybe')).toBeUndefined();
  });

  it('refuses a name registered twice, naming it', () => {
    const handler = async () => undefined;
    expect(() => new RouteTable().command('who', handler).command('who', handler)).toThrow('the command "who" is registered twice in bot/routes.ts');
    expect(() => new RouteTable().card('swap.accept', async () => ({ ok: true, value: noticeCard('x') })).card('swap.accept', async () => ({ ok: true, value: noticeCard('y') }))).toThrow(
      'the card verb "swap.accept" is registered twice in bot/routes.ts',
    );
  });
});

describe('bot/ reaches stores only through use cases', () => {
  const dir = path.join(import.meta.dirname, '../../bot');
  it.each(fs.readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s reads no store', (file) => {
    expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toMatch(/\.stores?\b/);
  });
});
