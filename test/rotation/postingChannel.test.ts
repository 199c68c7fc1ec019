import { describe, expect, it } from 'vitest';
import { postingChannel } from '../../rotation/postingChannel.js';

const FILE_CHANNEL = { team: 'team-from-file', id: '19:file@thread.tacv2' };
const SUBSCRIBED = { team: 'team-subscribed', id: '19:chat@thread.tacv2' };

describe('postingChannel: where a rotation posts', () => {
  it.each([
    { case: 'a subscription wins over the file', subscribed: new Map([['ops', SUBSCRIBED]]), def: { channel: FILE_CHANNEL }, expected: SUBSCRIBED },
    { case: 'the file channel when nobody subscribed', subscribed: new Map(), def: { channel: FILE_CHANNEL }, expected: FILE_CHANNEL },
    { case: "another rotation's subscription does not count", subscribed: new Map([['dev', SUBSCRIBED]]), def: { channel: FILE_CHANNEL }, expected: FILE_CHANNEL },
    { case: 'nowhere without either', subscribed: new Map(), def: {}, expected: undefined },
    { case: 'a subscription for a rotation whose definition is unknown', subscribed: new Map([['ops', SUBSCRIBED]]), def: undefined, expected: SUBSCRIBED },
  ])('$case', ({ subscribed, def, expected }) => {
    expect(postingChannel(subscribed, 'ops', def)).toEqual(expected);
  });
});
