import { isHandoff, nextShifts, MS_PER_DAY as DAY, MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import { CATCH_UP_MS } from '../usecases/claims.js';
import { snapshot, type ChatDeps } from '../usecases/context.js';
import { emit } from '../usecases/events.js';
import { eventsToCatchUp } from '../usecases/webhookCatchUp.js';
import { attempt, type DeliveryDeps } from '../usecases/webhookDelivery.js';
import { handoffEvent } from '../usecases/webhookEvents.js';
import { webhooksFor } from '../usecases/webhookPayload.js';

/**
 * A claim untouched this long: its holder stopped mid-delivery and another replica takes it over. One POST is cut
 * off after DELIVERY_TIMEOUT_MS (10 s), so two minutes is clearly longer than any attempt still running.
 */
export const WEBHOOK_STALE_MS = 2 * MINUTE;
/** Deliveries sent per tick, side by side (each waits only for its own receiver). */
const BATCH = 20;

export interface WebhookJobOptions {
  deps: ChatDeps;
  delivery: DeliveryDeps;
  holder: string;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * The webhook stage, on its own timer (a minute job, and a one-shot at each handoff): puts the handoffs of the last
 * CATCH_UP_MS and the duty events of the stored duty runs (answers whose event was lost, duties counted as missed) the
 * escalations' items and the chat's overrides and accepted swaps in
 * the outbox (an event already there is a no-op), then sends what is due. Chat changes put their
 * events in the outbox themselves (app/usecases/events.ts). Each delivery is claimed before it is sent, so a
 * replica, a restart or an overlapping tick sends it once.
 */
export class WebhookJobs {
  constructor(private readonly o: WebhookJobOptions) {}

  async tick(now: number): Promise<void> {
    await this.enqueueHandoffs(now);
    for (const e of await eventsToCatchUp(this.o.deps, now)) await emit(this.o.deps, e);
    await this.deliverDue(now);
  }

  /** The next handoff of every rotation a webhook wants handoffs of: when the one-shot jobs run. */
  async nextHandoffs(now: number): Promise<Array<{ rotation: string; at: number }>> {
    const snap = await snapshot(this.o.deps);
    return snap.rotations
      .filter((r) => webhooksFor(snap.state.settings.webhooks, 'handoff', r.id).length > 0)
      .flatMap((r) => nextShifts(snap.schedule, r.id, now + 1, { count: 2 }).filter(isHandoff).slice(0, 1).map((s) => ({ rotation: r.id, at: s.start })));
  }

  private async enqueueHandoffs(now: number): Promise<void> {
    const snap = await snapshot(this.o.deps);
    for (const r of snap.rotations.filter((r) => webhooksFor(snap.state.settings.webhooks, 'handoff', r.id).length > 0)) {
      const recent = nextShifts(snap.schedule, r.id, now - CATCH_UP_MS, { count: 10_000, horizon: CATCH_UP_MS + DAY }).filter((s) => s.start <= now && isHandoff(s));
      // The rest of a running shift kept by the same people (`effective: now`) is no handoff event.
      for (const s of recent) await emit(this.o.deps, handoffEvent(snap, r.id, s.start));
    }
  }

  private async deliverDue(now: number): Promise<void> {
    const due = await this.o.deps.stores.webhooks.claimDue(this.o.holder, now, now - WEBHOOK_STALE_MS, BATCH);
    if (due.length === 0) return;
    const { state } = await this.o.deps.service.snapshot();
    await Promise.all(
      due.map(async (d) => {
        const outcome = await attempt(this.o.delivery, d, state.settings.webhooks, now);
        const recorded = await this.o.deps.stores.webhooks.recordAttempt(d.eventId, d.webhook, this.o.holder, outcome, now);
        const where = { event: d.event, id: d.eventId, target: d.target, attempt: d.attempts + 1, state: outcome.state, ...('status' in outcome && outcome.status ? { status: outcome.status } : {}) };
        if (!recorded) this.o.log.warn(where, 'webhook delivery taken over by another replica meanwhile; its outcome was not recorded here');
        else if (outcome.state === 'delivered') this.o.log.info(where, 'webhook delivered');
        else this.o.log.warn({ ...where, error: outcome.error }, 'webhook not delivered');
      }),
    );
  }
}
