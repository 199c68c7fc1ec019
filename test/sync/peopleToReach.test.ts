import { describe, expect, it } from 'vitest';
import type { StoredState } from '../../db/types.js';
import type { RotationDef } from '../../rotation/schedule.js';
import { peopleToReach } from '../../sync/installations/InstallationSync.js';

/** Who the proactive installation installs Rota for, on Wednesday 4 March 2026: the people Rota may still message. */
const NOW = Date.parse('2026-03-04T09:00:00Z');
const def = (members: string[]) => ({ id: 'ops', name: 'Ops', start: '2026-01-05', every: '1w', handoff: 'Mon 12:00', onDuty: 1, members, timezone: 'Europe/Berlin' }) as unknown as RotationDef;
const override = (member: string, start: string, end: string) => ({ id: `o-${member}`, rotationId: 'ops', start: Date.parse(start), end: Date.parse(end), member, origin: 'chat' as const });

const state: StoredState = {
  settings: { timezone: 'Europe/Berlin', admins: [] },
  rotations: [
    {
      id: 'ops',
      name: 'Ops',
      timezone: 'Europe/Berlin',
      origin: 'file',
      members: ['bob@contoso.com', 'dave@contoso.com'],
      versions: [
        { from: Date.parse('2026-01-05T11:00:00Z'), definition: def(['old@contoso.com', 'alice@contoso.com']) }, // replaced in February
        { from: Date.parse('2026-02-02T11:00:00Z'), definition: def(['alice@contoso.com', 'Bob@contoso.com']) }, // in effect now
        { from: Date.parse('2026-03-09T11:00:00Z'), definition: def(['bob@contoso.com', 'dave@contoso.com']) }, // from next Monday
      ],
    },
  ],
  overrides: [
    override('past@contoso.com', '2025-11-10T09:00:00Z', '2025-11-12T17:00:00Z'),
    override('endsnow@contoso.com', '2026-03-03T09:00:00Z', '2026-03-04T09:00:00Z'),
    override('running@contoso.com', '2026-03-04T08:00:00Z', '2026-03-04T17:00:00Z'),
    override('future@contoso.com', '2026-04-01T09:00:00Z', '2026-04-02T09:00:00Z'),
  ],
  timeOff: [],
};

describe('peopleToReach: the members of current and coming versions, and overrides that have not ended', () => {
  it('leaves out a replaced version\'s members and overrides long past', () => {
    expect(peopleToReach(state, NOW)).toEqual(['alice@contoso.com', 'bob@contoso.com', 'dave@contoso.com', 'future@contoso.com', 'running@contoso.com']);
  });

  it('before the first version takes effect, every version still to come counts', () => {
    expect(peopleToReach(state, Date.parse('2025-11-11T09:00:00Z'))).toEqual([
      'alice@contoso.com', 'bob@contoso.com', 'dave@contoso.com', 'endsnow@contoso.com', 'future@contoso.com', 'old@contoso.com', 'past@contoso.com', 'running@contoso.com',
    ]);
  });
});
