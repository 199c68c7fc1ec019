import { fail, ok, type Outcome } from '../../rotation/result.js';
import { echo } from './format.js';
import type { Actor, ChatDeps } from './context.js';

/**
 * `notify moves` shows whether you get "your shifts moved" messages; `notify moves off` / `on` changes it (with its
 * audit row). `remind off` does not touch it: reminders and these notices are separate choices.
 */
export async function notifyMovesCommand(deps: ChatDeps, me: Actor, args: string): Promise<Outcome<{ on: boolean; changed: boolean }>> {
  const words = args.trim().toLowerCase();
  const ctx = { actor: me.email, source: 'chat' as const, now: me.now };
  if (words === '') return ok({ on: !(await deps.stores.notices.optedOut([me.email])).has(me.email.toLowerCase()), changed: false });
  const on = /^(?:on|yes|start|enable)$/.test(words) ? true : /^(?:off|no|stop|disable)$/.test(words) ? false : undefined;
  if (on === undefined) return fail(`"notify moves" takes "on" or "off", not "${echo(args.trim())}". Nothing changed.`);
  await deps.stores.notices.setMoveNotices(me.email, on, ctx);
  return ok({ on, changed: true });
}
