import { createStores } from '../../db/stores.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import type { ChatDeps } from '../../app/usecases/context.js';
import { parseRotationFile } from '../../rotation/file.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';

/** The example's four rotations, pinned here so the expectations below do not move when the example does. */
export const FIRST_WEEK_FILE = `timezone: Europe/Berlin
admins: [erin@contoso.com]
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
    escalation: dev
  - id: mro
    name: MRO / Interrupt
    start: 2026-01-05
    every: 1d
    handoff: "09:00"
    days: [Mon, Tue, Wed, Thu, Fri]
    holidays: [2026-12-25, 2026-12-28]
    members: [alice@contoso.com, bob@contoso.com, frank@contoso.com, grace@contoso.com, heidi@contoso.com]
    avoid:
      - { rotation: night, within: 12h }
    escalation: dev
  - id: dev
    name: Dev of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [frank@contoso.com, grace@contoso.com, heidi@contoso.com]
  - id: night
    name: Night on call
    start: 2026-01-05
    every: 1d
    handoff: "08:00"
    hours: "20:00-08:00"
    members: [bob@contoso.com, carol@contoso.com, dave@contoso.com, heidi@contoso.com]
    escalation: ops
`;

/** Tuesday 1 December 2026, 10:35 in Berlin: Dave has ops (since Mon 30 Nov 12:00) and tonight's night shift. */
export const TUESDAY = Date.parse('2026-12-01T09:35:00Z');

export interface ChatWorld {
  t: TestDatabase;
  deps: ChatDeps;
  stop(): Promise<void>;
}

/** A fresh database with `file` applied, and the chat use cases' dependencies built on it. */
export async function chatWorld(engine: 'sqlite' | 'postgres', file = FIRST_WEEK_FILE, now = TUESDAY): Promise<ChatWorld> {
  const t = await freshDatabase(engine);
  const stores = createStores(t.db);
  const service = new RotaService(stores);
  const parsed = parseRotationFile(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  await service.applyFile(parsed.value, { actor: 'test', source: 'file', now: now - 30 * 86_400_000 });
  return { t, deps: { service, stores }, stop: () => t.destroy() };
}

/** An instant from a Berlin winter wall-clock time ("2026-12-07 12:00", UTC+1): how the expectations are worked out by hand. */
export const berlin = (local: string): number => {
  const [date, time = '00:00'] = local.split(' ');
  return Date.parse(`${date}T${time}:00+01:00`);
};
