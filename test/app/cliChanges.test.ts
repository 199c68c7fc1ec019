import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCapturing } from '../helpers/runCli.js';
import { createStores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { ROTATION_FILE, WEDNESDAY } from '../bot/botHarness.js';

const run = (args: string[], now = WEDNESDAY) => runCapturing(args, now);

describe.each(ENGINES)('rota changes / rota cancel on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    vi.stubEnv('DATABASE_URL', t.url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-cli-'));
    const file = path.join(dir, 'rota.yaml');
    fs.writeFileSync(file, ROTATION_FILE);
    expect((await run(['apply', file])).code).toBe(0);
    // Bob's time off 9–13 March, recorded in chat (Berlin midnights).
    await createStores(t.db).changes.addTimeOff(
      { member: 'bob@contoso.com', start: Date.parse('2026-03-08T23:00:00Z'), end: Date.parse('2026-03-13T23:00:00Z'), spec: { from: '2026-03-09', to: '2026-03-13', timezone: 'Europe/Berlin' } },
      { actor: 'bob@contoso.com', source: 'chat', now: WEDNESDAY - HOUR },
    );
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
    await t.destroy();
  });
  const HOUR = 3_600_000;

  it('lists the chat-made changes with their ids, as a table and as JSON, for one member or all', async () => {
    const id = (await t.db('time_off').pluck('id'))[0] as string;
    const json = await run(['changes', '--json']);
    expect(JSON.parse(json.out)).toEqual([
      {
        id,
        shortId: id.slice('chat-'.length, 'chat-'.length + 6),
        kind: 'time off',
        rotation: null,
        start: '2026-03-09T00:00:00+01:00',
        end: '2026-03-14T00:00:00+01:00',
        description: 'time off of bob@contoso.com, Mon 9 Mar 00:00 GMT+1 – Sat 14 Mar 00:00 GMT+1',
      },
    ]);
    expect((await run(['changes'])).out.split('\n')[2]).toBe(`${id}  time off  time off of bob@contoso.com, Mon 9 Mar 00:00 GMT+1 – Sat 14 Mar 00:00 GMT+1`);
    expect((await run(['changes', '--member', 'carol@contoso.com'])).out).toBe('no changes made in chat are in effect for carol@contoso.com\n');
  });

  it('cancels by id as an admin and prints what moved back; --as a stranger and a file override are refused', async () => {
    const id = (await t.db('time_off').pluck('id'))[0] as string;
    const stranger = await run(['cancel', id, '--as', 'carol@contoso.com']);
    expect([stranger.code, stranger.err]).toEqual([1, 'rota: Only bob@contoso.com or the admins of their rotations can cancel this time off.\n']);
    const done = await run(['cancel', id.slice(5, 11)]);
    expect(done.code).toBe(0);
    expect(done.out.split('\n').slice(0, 3)).toEqual([
      'Cancelled time off of bob@contoso.com, Mon 9 Mar 00:00 GMT+1 – Sat 14 Mar 00:00 GMT+1 (removed; it had not started).',
      '- Op of the Week Mon 9 Mar 12:00 GMT+1 – Mon 16 Mar 12:00 GMT+1 is bob@contoso.com\'s again (was carol@contoso.com)',
      '- Op of the Week Mon 16 Mar 12:00 GMT+1 – Mon 23 Mar 12:00 GMT+1 is carol@contoso.com\'s again (was bob@contoso.com)',
    ]);
    expect(await t.db('audit_log').where({ action: 'timeoff.cancelled' }).pluck('actor')).toEqual(['cli']);
    expect((await run(['cancel', id])).err).toBe(`rota: I know no change ${id} that is still in effect; rota changes lists them.\n`);

    await t.db('overrides').insert({
      id: 'file-aaaaaa0000', rotation_id: 'ops', start_at: WEDNESDAY + HOUR, end_at: WEDNESDAY + 2 * HOUR, member: 'erin@contoso.com', origin: 'file', created_by: 'cli', created_at: 0,
    });
    const file = await run(['cancel', 'aaaaaa']);
    expect([file.code, file.err]).toEqual([1, 'rota: That comes from the rotation file; edit it there and run apply.\n']);
  });
});
