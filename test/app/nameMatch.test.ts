import { describe, expect, it } from 'vitest';
import { matchPerson, matchRotation, type Match, type Named } from '../../app/usecases/nameMatch.js';

const ROTATIONS: Named[] = [
  { id: 'ops', name: 'Op of the Week' },
  { id: 'mro', name: 'MRO / Interrupt' },
  { id: 'dev', name: 'Dev of the Week' },
  { id: 'night', name: 'Night on call' },
];

const ids = (m: Match<Named>) => (m.kind === 'found' ? m.value.id : m.kind === 'ambiguous' ? m.candidates.map((r) => r.id) : 'none');

describe('matchRotation: a rotation by id, name, prefix or words', () => {
  it.each([
    ['ops', 'ops'],
    ['OPS', 'ops'],
    ['Op of the Week', 'ops'],
    ['the op of the week', 'ops'],
    ['The Op Of The Week', 'ops'],
    ['op of', 'ops'],
    ['op', 'ops'],
    ['night', 'night'],
    ['night on call', 'night'],
    ['the night on call', 'night'],
    ['nig', 'night'],
    ['interrupt', 'mro'],
    ['mro / interrupt', 'mro'],
    ['mro interrupt', 'mro'],
    ['dev', 'dev'],
    ['dev of the week', 'dev'],
    ['the night shift', 'night'],
    ['ops rotation', 'ops'],
    ['interrupt duty', 'mro'],
    // several fit: the answer names them
    ['week', ['ops', 'dev']],
    ['of the week', ['ops', 'dev']],
    // nothing fits, or only filler words
    ['o', 'none'],
    ['the', 'none'],
    ['of', 'none'],
    ['on', 'none'],
    ['shift', 'none'],
    ['nights', 'none'],
    ['', 'none'],
    ['escalation', 'none'],
  ])('%j → %j', (query, expected) => {
    expect(ids(matchRotation(ROTATIONS, query))).toEqual(expected);
  });

  it('without prefixes (text mixed with dates) only whole ids, names and name words count', () => {
    expect(ids(matchRotation(ROTATIONS, 'op', { prefixes: false }))).toBe('ops'); // a word of its name
    expect(ids(matchRotation(ROTATIONS, 'op of', { prefixes: false }))).toBe('ops'); // "of" is filler
    expect(ids(matchRotation(ROTATIONS, 'mr', { prefixes: false }))).toBe('none');
    expect(ids(matchRotation(ROTATIONS, 'nig', { prefixes: false }))).toBe('none');
    expect(ids(matchRotation(ROTATIONS, 'interrupt', { prefixes: false }))).toBe('mro');
    expect(ids(matchRotation(ROTATIONS, 'the op of the week', { prefixes: false }))).toBe('ops');
  });

  it('an exact id wins over a prefix of another rotation', () => {
    expect(ids(matchRotation([...ROTATIONS, { id: 'ops-night', name: 'Ops at night' }], 'ops'))).toBe('ops');
  });
});

describe('matchPerson: a member by e-mail, local part, or first name', () => {
  const members = [
    { email: 'alice@contoso.com', displayName: 'Alice Archer' },
    { email: 'bob@contoso.com', displayName: 'Bob Baker' },
    { email: 'carol.cook@contoso.com' },
    { email: 'dave@contoso.com', displayName: 'Dave Dunn' },
    { email: 'd.dunn@fabrikam.com', displayName: 'Dana Dunn' },
  ];
  it.each([
    ['bob', 'bob@contoso.com'],
    ['BOB', 'bob@contoso.com'],
    ['@bob', 'bob@contoso.com'],
    ['bob baker', 'bob@contoso.com'],
    ['bob@contoso.com', 'bob@contoso.com'],
    ['Bob@Contoso.com', 'bob@contoso.com'],
    ['carol', 'carol.cook@contoso.com'],
    ['carol.cook', 'carol.cook@contoso.com'],
    ['alice', 'alice@contoso.com'],
    ['dana', 'd.dunn@fabrikam.com'],
    // an address is taken as it is, member or not
    ['zoe@contoso.com', 'zoe@contoso.com'],
  ])('%j → %s', (query, email) => {
    expect(matchPerson(members, query)).toEqual({ kind: 'found', value: email });
  });

  it('names every member a name could be', () => {
    const twoDaves = [...members, { email: 'dave.dean@fabrikam.com', displayName: 'Dave Dean' }];
    expect(matchPerson(twoDaves, 'dave')).toEqual({ kind: 'ambiguous', candidates: ['dave.dean@fabrikam.com', 'dave@contoso.com'] });
    expect(matchPerson(twoDaves, 'dave dean')).toEqual({ kind: 'found', value: 'dave.dean@fabrikam.com' });
  });

  it.each([['erin'], ['bo'], ['baker'], ['']])('%j names nobody', (query) => {
    expect(matchPerson(members, query)).toEqual({ kind: 'none' });
  });
});
