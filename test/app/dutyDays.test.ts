import { afterEach, describe, expect, it } from 'vitest';
import { dutiesInChat } from '../../app/usecases/dutyList.js';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, type ChatWorld } from './chatWorld.js';

const FILE = `timezone: Europe/Berlin
rotations:
  - id: syd
    name: Sydney desk
    timezone: Australia/Sydney
    start: 2026-11-30
    every: 1w
    handoff: "Mon 09:00"
    members: [alice@contoso.com]
    duties:
      - { at: "09:00", task: "Check the queue" }
  - id: nyc
    name: New York desk
    timezone: America/New_York
    start: 2026-11-30
    every: 1w
    handoff: "Mon 09:00"
    members: [bob@contoso.com]
    duties:
      - { at: "09:00", task: "Check the queue" }
`;

// 2026-12-01T14:00Z is Wed 2 Dec 01:00 in Sydney (AEDT, UTC+11) and Tue 1 Dec 09:00 in New York (EST, UTC−5).
const NOW = Date.parse('2026-12-01T14:00:00Z');

describe.each(ENGINES)('duties on a named day, read in each rotation\'s own zone (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it.each([
    { said: '', syd: '2026-12-02', nyc: '2026-12-01' },
    { said: 'today', syd: '2026-12-02', nyc: '2026-12-01' },
    { said: 'tomorrow', syd: '2026-12-03', nyc: '2026-12-02' },
    { said: 'friday', syd: '2026-12-04', nyc: '2026-12-04' },
    { said: 'thursday', syd: '2026-12-03', nyc: '2026-12-03' },
    { said: '2026-12-05', syd: '2026-12-05', nyc: '2026-12-05' },
  ])('"duties $said": Sydney $syd, New York $nyc', async ({ said, syd, nyc }) => {
    w = await chatWorld(engine, FILE, NOW);
    const days = await dutiesInChat(w.deps, NOW, said);
    expect(days.ok && days.value.map((d) => [d.rotation.id, d.date])).toEqual([['nyc', nyc], ['syd', syd]]);
  });
});
