import { createHmac } from 'node:crypto';
import { webhookTarget } from '../../db/webhooks/webhookKey.js';
import type { FileWebhook, WebhookEvent } from '../../rotation/rotationFileSchema.js';

/** What happened, as Rota's webhook events carry it (README "Webhooks" documents each field). */
export interface RotaEvent {
  /** The event's own id: the same on every retry, so a receiver can drop a repeat. */
  id: string;
  event: WebhookEvent;
  /** handoff: `handoff`; override: `made` | `cancelled`; swap: `accepted` | `cancelled`; duty: `done` | `skipped` | `missed`; escalation: `raised`. */
  action: string;
  rotation: string;
  /** Who had the duty before (the outgoing person, the person covered, the swap's proposer). */
  from: string[];
  /** Who has it now (the incoming person, the one covering, the swap's counterpart). */
  to: string[];
  /** Who did it (an e-mail address), or `rota` for a handoff. */
  who: string;
  /** When it happened (epoch ms). */
  when: number;
  /** The stretch concerned, for an override or a swap. */
  start?: number;
  end?: number;
  /** A word more: the duty's task, a skip's reason, an escalation's text. */
  detail?: string;
}

/** The JSON body Rota sends: `RotaEvent` with ISO instants and the rotation's name. */
export function payloadOf(e: RotaEvent, rotationName: string): string {
  const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
  return JSON.stringify({
    id: e.id,
    event: e.event,
    action: e.action,
    rotation: { id: e.rotation, name: rotationName },
    from: e.from,
    to: e.to,
    who: e.who,
    when: iso(e.when),
    ...(e.start !== undefined ? { start: iso(e.start) } : {}),
    ...(e.end !== undefined ? { end: iso(e.end) } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
  });
}

/** The webhooks of the file that want this event of this rotation. */
export function webhooksFor(webhooks: FileWebhook[] | undefined, event: WebhookEvent, rotation: string): FileWebhook[] {
  return (webhooks ?? []).filter((w) => w.events.includes(event) && (!w.rotations || w.rotations.includes(rotation)));
}

export { webhookId, webhookTarget } from '../../db/webhooks/webhookKey.js';

/** The name of the environment variable a webhook's `secret: "env:NAME"` names. */
export const secretName = (w: FileWebhook): string | undefined => w.secret?.slice('env:'.length);

/** The header Rota signs each POST with: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Rota-Signature';

export function signature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Every webhook whose secret's variable is not set, as a problem naming the field and the variable; empty when all
 * are. Checked when Rota starts and when a file is applied, so a missing secret is found before an event is lost.
 */
export function missingSecrets(webhooks: FileWebhook[] | undefined, secretOf: (name: string) => string | undefined): string[] {
  return (webhooks ?? []).flatMap((w, i) => {
    const name = secretName(w);
    return name && !secretOf(name)
      ? [`webhooks[${i}].secret: the environment variable ${name} is not set (expected the HMAC secret for ${webhookTarget(w.url)})`]
      : [];
  });
}
