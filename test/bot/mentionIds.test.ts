import { describe, expect, it } from 'vitest';
import { mention, mentionId, people, rich } from '../../bot/mentions.js';
import type { PersonRef } from '../../app/usecases/context.js';

const email = 'bob@contoso.com';

describe('which id a mention notifies a person by', () => {
  it.each<[string, PersonRef, string | undefined]>([
    ['every id known: the Teams user id', { email, teamsId: '29:bob', aadObjectId: 'aad-bob', objectId: 'oid-bob', upn: 'bob.b@contoso.onmicrosoft.com' }, '29:bob'],
    ['no Teams id: the object id Teams sent', { email, aadObjectId: 'aad-bob', objectId: 'oid-bob', upn: 'bob.b@contoso.onmicrosoft.com' }, 'aad-bob'],
    ['never wrote to Rota: the object id the sync resolved', { email, objectId: 'oid-bob', upn: 'bob.b@contoso.onmicrosoft.com' }, 'oid-bob'],
    ['only a confirmed UPN', { email, upn: 'bob.b@contoso.onmicrosoft.com' }, 'bob.b@contoso.onmicrosoft.com'],
    ['only the roster address: no mention (it may not be their UPN)', { email }, undefined],
  ])('%s', (_case, person, id) => {
    expect(mentionId(person)).toBe(id);
  });

  it('a person known only to the sync is mentioned by name and object id', () => {
    expect(mention({ email, displayName: 'Bob Baker', objectId: 'oid-bob' })).toEqual({
      text: '<at>Bob Baker</at>',
      entities: [{ type: 'mention', text: '<at>Bob Baker</at>', mentioned: { id: 'oid-bob', name: 'Bob Baker' } }],
    });
  });

  it('a person nobody resolved is shown by address, without a mention entity', () => {
    expect(mention({ email })).toEqual({ text: 'bob@contoso.com', entities: [] });
  });
});

describe('rich text joins mentions', () => {
  it('two people with the same display name each keep their entity (Teams pairs each <at> with an entity in order)', () => {
    const a = { email: 'sam.lee@contoso.com', displayName: 'Sam Lee', teamsId: '29:sam-1' };
    const b = { email: 'sam.lee2@contoso.com', displayName: 'Sam Lee', teamsId: '29:sam-2' };
    expect(people([a, b])).toEqual({
      text: '<at>Sam Lee</at>, <at>Sam Lee</at>',
      entities: [
        { type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: '29:sam-1', name: 'Sam Lee' } },
        { type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: '29:sam-2', name: 'Sam Lee' } },
      ],
    });
  });

  it('the same person mentioned twice has one entity', () => {
    const a = { email: 'alice@contoso.com', displayName: 'Alice Archer', teamsId: '29:alice' };
    expect(rich([mention(a), ' then ', mention(a)]).entities).toEqual([{ type: 'mention', text: '<at>Alice Archer</at>', mentioned: { id: '29:alice', name: 'Alice Archer' } }]);
  });
});
