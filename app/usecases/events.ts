import { messageOf } from '../../rotation/messageOf.js';
import type { ChatDeps } from './context.js';
import { payloadOf, webhookId, webhooksFor, webhookTarget, type RotaEvent } from './webhookPayload.js';

export type { RotaEvent } from './webhookPayload.js';

/**
 * The one event port: puts `event` in the webhook outbox once for each webhook of the file that wants it (the outbox's
 * unique key makes a repeat a no-op). It only writes a row: the POST happens in app/jobs/webhooks.ts, so a slow
 * receiver never holds up the change or the handoff that caused the event. It never throws: the change it follows is
 * saved already, so a failure here is logged (through the service's change log) and never the command's answer; the
 * webhook job's catch-up (webhookCatchUp.ts) rebuilds what it can from the stored rows.
 */
export async function emit(deps: Pick<ChatDeps, 'service' | 'stores'>, event: RotaEvent | undefined): Promise<void> {
  if (!event) return;
  try {
    await enqueue(deps, event);
  } catch (err) {
    deps.service.recorded('webhook event not queued', { actor: event.who, rotation: event.rotation, event: event.id, error: messageOf(err) });
  }
}

async function enqueue(deps: Pick<ChatDeps, 'service' | 'stores'>, event: RotaEvent): Promise<void> {
  const { state } = await deps.service.snapshot();
  const wanted = webhooksFor(state.settings.webhooks, event.event, event.rotation);
  if (wanted.length === 0) return;
  // An event from before a webhook was added is not its own (the handoff catch-up looks back hours).
  const seen = await deps.stores.webhooks.firstSeen(wanted.map((w) => webhookId(w.url)));
  const hooks = wanted.filter((w) => event.when >= (seen.get(webhookId(w.url)) ?? -Infinity));
  if (hooks.length === 0) return;
  const name = state.rotations.find((r) => r.id === event.rotation)?.name ?? event.rotation;
  const payload = payloadOf(event, name);
  const rows = hooks.map((w) => ({ eventId: event.id, webhook: webhookId(w.url), target: webhookTarget(w.url), event: event.event, rotationId: event.rotation, payload }));
  await deps.stores.webhooks.enqueue(rows, event.when);
}
