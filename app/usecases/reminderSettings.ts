import { type ChatDeps } from './context.js';
import { ok, type Outcome } from '../../rotation/result.js';
import { DEFAULT_LEADS, parseLeads } from './reminderLeads.js';

/** Whether someone gets reminders, and how long before each on-duty stretch (minutes, largest first). */
export interface ReminderSetting {
  on: boolean;
  leads: number[];
}

/** `remind`: plain shows the setting; `on` is the default 24 h; `off`; `2h`, `1d 2h` choose the leads. */
export async function remindCommand(deps: ChatDeps, me: { email: string; now: number }, args: string): Promise<Outcome<{ setting: ReminderSetting; changed: boolean }>> {
  const words = args.trim().toLowerCase();
  const ctx = { actor: me.email, source: 'chat' as const, now: me.now };
  if (words === '') {
    const p = (await deps.stores.people.people([me.email])).get(me.email);
    return ok({ setting: { on: p?.reminders !== false, leads: p?.reminderLeads ?? DEFAULT_LEADS }, changed: false });
  }
  if (/^(?:off|no|stop|disable)$/.test(words)) {
    await deps.stores.people.setReminders(me.email, false, ctx);
    return ok({ setting: { on: false, leads: [] }, changed: true });
  }
  if (/^(?:on|yes|start|enable)$/.test(words)) {
    await deps.stores.people.setReminders(me.email, true, ctx);
    return ok({ setting: { on: true, leads: DEFAULT_LEADS }, changed: true });
  }
  const leads = parseLeads(words);
  if (!leads.ok) return leads;
  await deps.stores.people.setReminders(me.email, true, ctx, leads.value);
  return ok({ setting: { on: true, leads: leads.value }, changed: true });
}
