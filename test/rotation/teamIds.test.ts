import { describe, expect, it } from 'vitest';
import { TeamIds, teamIdKind } from '../../rotation/teamIds.js';

describe('teamIdKind', () => {
  it.each([
    ['6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', 'group'],
    ['6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B', 'group'],
    ['19:0b2f6d1e9a8c4e3f@thread.tacv2', 'thread'],
    ['19:abcDEF_123-xyz@thread.skype', 'thread'],
    ['19:ops-channel@thread.tacv2', 'thread'],
    ['platform', undefined],
    ['6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b', undefined],
    ['{6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b}', undefined],
    ['19:abc@thread', undefined],
    ['19:@thread.tacv2', undefined],
    ['19:a b@thread.tacv2', undefined],
    ['', undefined],
  ])('%j is %s', (id, kind) => {
    expect(teamIdKind(id)).toBe(kind);
  });
});

describe('TeamIds', () => {
  const ids = new TeamIds([{ groupId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', threadId: '19:alpha@thread.tacv2' }]);

  it.each([
    ['a thread id with a learned pair', '19:alpha@thread.tacv2', '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', '19:alpha@thread.tacv2'],
    ['its group id', '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', '19:alpha@thread.tacv2'],
    ['its group id in upper case (kept as written for Graph)', '6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B', '6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B', '19:alpha@thread.tacv2'],
    ['a thread id not learned', '19:other@thread.tacv2', undefined, '19:other@thread.tacv2'],
    ['a group id not learned', 'a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d', 'a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d', undefined],
  ])('%s', (_what, id, groupId, threadId) => {
    expect(ids.groupIdOf(id)).toBe(groupId);
    expect(ids.threadIdOf(id)).toBe(threadId);
  });
});
