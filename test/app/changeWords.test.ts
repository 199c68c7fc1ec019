import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../app/cli/changeWords.js';
import type { Settings, StoredState } from '../../db/types.js';

const TEAM = '00000000-0000-0000-0000-000000000000';
const FLOW = 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SECRETSIG';
const base: Settings = { timezone: 'Europe/Berlin', admins: ['alice@contoso.com'] };
const words = (before: Settings, after: Settings) => {
  const state: StoredState = { settings: before, rotations: [], overrides: [], timeOff: [] };
  return describeChanges([{ action: 'settings.updated', settings: after }], { before: state, after: new Map(), zoneOf: () => 'UTC' });
};

describe('apply names what changed in the top-level tags and webhooks', () => {
  it('a tag and a webhook added: each in words, the webhook without its query (the signature) and its secret by name only', () => {
    const after: Settings = {
      ...base,
      tags: [{ team: TEAM, name: 'platform', rotations: ['ops', 'dev'], who: 'next' }],
      webhooks: [{ url: FLOW, events: ['handoff', 'duty'], secret: 'env:ROTA_FLOW_SECRET', rotations: ['ops'] }],
    };
    const [line] = words(base, after);
    expect(line).toBe(
      `settings: tags + ${TEAM}/platform for ops+dev (next); webhooks + https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke (handoff, duty; ops only; signed by env:ROTA_FLOW_SECRET)`,
    );
    expect(line).not.toContain('SECRETSIG');
  });

  it('a webhook whose events changed is one out, one in; a tag removed; the admins as before', () => {
    const hook = { url: 'https://hooks.example.com/rota', events: ['handoff' as const] };
    const before: Settings = { ...base, tags: [{ team: TEAM, name: 'platform', rotations: ['ops', 'dev'], shadows: true }], webhooks: [hook] };
    const after: Settings = { ...base, admins: ['alice@contoso.com', 'bob@contoso.com'], webhooks: [{ ...hook, events: ['handoff', 'escalation'] }] };
    expect(words(before, after)).toEqual([
      `settings: admins + bob@contoso.com; tags − ${TEAM}/platform for ops+dev (with shadows); webhooks + https://hooks.example.com/rota (handoff, escalation), − https://hooks.example.com/rota (handoff)`,
    ]);
  });

  it('only the order of the webhooks moved: "reordered"; nothing at all moved: rewritten (same values)', () => {
    const a = { url: 'https://a.example.com/', events: ['duty' as const] };
    const b = { url: 'https://b.example.com/', events: ['duty' as const] };
    expect(words({ ...base, webhooks: [a, b] }, { ...base, webhooks: [b, a] })).toEqual(['settings: webhooks reordered']);
    expect(words(base, { ...base })).toEqual(['settings: rewritten (same values)']);
  });
});
