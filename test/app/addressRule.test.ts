import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import { saveSetup, type SetupValues } from '../../app/usecases/setup.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { createStores } from '../../db/stores.js';
import type { ChatDeps } from '../../app/usecases/context.js';
import { validateRotationFile } from '../../rotation/file.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';

/** The same table for the rotation file, `rota chat --email` and the chat `setup` form: one rule, three doors. */
const VALID = ['alice@contoso.com', 'Alice.Archer@Contoso.com', 'alice+oncall@contoso.onmicrosoft.com'];
const INVALID = ['alice', 'alice@contoso', 'alice@', 'alice smith@contoso.com', 'Alice <alice@contoso.com>', 'alice@@contoso.com'];
const EXPECTED = 'expected an e-mail address or UPN such as alice@contoso.com';
const NOW = Date.parse('2026-12-01T09:40:00Z');

const fileCheck = (member: string) => {
  const r = validateRotationFile({ rotations: [{ id: 'ops', start: '2026-12-07', every: '1w', handoff: 'Mon 12:00', members: [member] }] });
  return r.ok ? 'ok' : r.error.map((e) => `${e.path}: ${e.message}`).join('; ');
};

async function chatEmail(email: string): Promise<{ code: number; err: string }> {
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await runCli(['chat', '--email', email], () => undefined), err };
  } finally {
    spy.mockRestore();
  }
}

describe('one address rule: the file, the CLI and setup agree', () => {
  let t: TestDatabase;
  let deps: ChatDeps;
  beforeAll(async () => {
    t = await freshDatabase('sqlite');
    const stores = createStores(t.db);
    deps = { service: new RotaService(stores), stores };
    const file = validateRotationFile({ timezone: 'Europe/Berlin', admins: ['erin@contoso.com'], rotations: [] });
    if (!file.ok) throw new Error('the settings file does not validate');
    await deps.service.applyFile(file.value, { actor: 'test', source: 'cli', now: NOW });
  });
  afterAll(() => t.destroy());

  const form = (member: string, id: string): SetupValues => ({
    id,
    name: '',
    members: [member],
    every: '1w',
    weekday: 'Mon',
    time: '12:00',
    timezone: 'Europe/Berlin',
    start: '2026-12-07',
    onDuty: '1',
  });

  it.each(VALID.map((a, i) => [a, i] as const))('%s is accepted everywhere', async (address, i) => {
    expect(fileCheck(address)).toBe('ok');
    const saved = await saveSetup(deps, { email: 'erin@contoso.com', now: NOW }, form(address, `valid-${i}`));
    expect(saved.ok).toBe(true);
  });

  it.each(INVALID)('%j is refused everywhere, in the same words', async (address) => {
    expect(fileCheck(address)).toBe(`rotations[0].members[0]: ${EXPECTED}`);
    expect(await chatEmail(address)).toEqual({ code: 2, err: `rota: --email: ${EXPECTED}, got "${address}"\n` });
    const saved = await saveSetup(deps, { email: 'erin@contoso.com', now: NOW }, form(address, 'invalid'));
    expect(saved).toEqual({ ok: false, error: `Nothing was saved. Please fix:\n- Members (entry 1): ${EXPECTED}` });
  });
});
