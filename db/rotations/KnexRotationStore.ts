import type { Knex } from 'knex';
import { appendAudit } from '../audit.js';
import { BEGINNING_OF_TIME, type Change, type ChangeContext, type DesiredRotation, type DesiredState, type StoredState } from '../types.js';
import { applyFileInTransaction } from './applyFile.js';
import { loadState, type RotationRow } from './loadState.js';
import type { ApplyOptions, ChatRotationOptions, ChatRotationSaved, Preview, RotationStore } from './RotationStore.js';
import { insertRotation, reviseRotation, sameDefinition } from './rotationWrites.js';
import { recordWebhooksSeen } from '../webhooks/KnexWebhookStore.js';
import { auditedWebhooks, webhookId } from '../webhooks/webhookKey.js';

class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('dry run: rolled back');
  }
}

/** RotationStore on knex: the read in loadState.ts, a file apply in applyFile.ts, one rotation's rows in rotationWrites.ts. */
export class KnexRotationStore implements RotationStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexRotationStore {
    return new KnexRotationStore(db);
  }

  load(): Promise<StoredState> {
    return loadState(this.db);
  }

  async applyDesired(desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Change[]> {
    if (options.dryRun) return (await this.previewDesired(desired, ctx, options)).result;
    return this.db.transaction((trx) => applyWithAudit(trx, desired, ctx, options));
  }

  previewDesired(desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Preview<Change[]>> {
    return this.rolledBack((trx) => applyWithAudit(trx, desired, ctx, options));
  }

  saveChatRotation(next: DesiredRotation, ctx: ChangeContext, options: ChatRotationOptions): Promise<ChatRotationSaved> {
    return this.db.transaction((trx) => saveChat(trx, next, ctx, options));
  }

  previewChatRotation(next: DesiredRotation, ctx: ChangeContext, options: ChatRotationOptions): Promise<Preview<ChatRotationSaved>> {
    return this.rolledBack((trx) => saveChat(trx, next, ctx, options));
  }

  /** The very writes of the real change, in a transaction that is then rolled back; the state read before and after. */
  private async rolledBack<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<Preview<T>> {
    try {
      await this.db.transaction(async (trx) => {
        const before = await loadState(trx);
        const result = await work(trx);
        throw new Rollback<Preview<T>>({ result, before, after: await loadState(trx) });
      });
    } catch (err) {
      if (err instanceof Rollback) return err.value as Preview<T>;
      throw err;
    }
    throw new Error('a preview transaction was committed');
  }
}

async function applyWithAudit(trx: Knex.Transaction, desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Change[]> {
  const changes = await applyFileInTransaction(trx, desired, ctx, options);
  await recordWebhooksSeen(trx, (desired.settings.webhooks ?? []).map((w) => webhookId(w.url)), ctx.now);
  await appendAudit(
    trx,
    ctx,
    changes.map((c) => ({ action: c.action, rotationId: 'rotationId' in c ? c.rotationId : undefined, detail: audited(c) })),
  );
  return changes;
}

/** A change as the audit keeps it: webhooks by id, target and events (their URLs may hold a key, e.g. Power Automate's sig=). */
function audited(c: Change): object {
  if (c.action !== 'settings.updated' || !c.settings.webhooks) return c;
  return { ...c, settings: { ...c.settings, webhooks: auditedWebhooks(c.settings.webhooks) } };
}

async function saveChat(trx: Knex.Transaction, next: DesiredRotation, ctx: ChangeContext, options: ChatRotationOptions): Promise<ChatRotationSaved> {
  const row = await trx<RotationRow>('rotations').where({ id: next.id }).first();
  if (!row) {
    await insertRotation(trx, next, ctx.now, 'chat');
    await appendAudit(trx, ctx, [{ action: 'rotation.created', rotationId: next.id, detail: { action: 'rotation.created', rotationId: next.id } }]);
    return { ok: true, value: { action: 'created', effectiveFrom: BEGINNING_OF_TIME, fields: [] } };
  }
  if (row.origin !== 'chat') return { ok: false, error: 'file-origin' };
  if (row.archived_at !== null) return { ok: false, error: 'archived' };
  const state = await loadState(trx);
  const existing = state.rotations.find((r) => r.id === next.id)!;
  const latest = existing.versions.at(-1);
  if (latest && sameDefinition(latest.definition, next)) {
    return { ok: true, value: { action: 'unchanged', effectiveFrom: latest.from, fields: [] } };
  }
  const change = await reviseRotation(trx, existing, next, { now: ctx.now, state }, options.effectiveFrom);
  await appendAudit(trx, ctx, [{ action: change.action, rotationId: next.id, detail: change }]);
  return { ok: true, value: { action: 'updated', effectiveFrom: change.effectiveFrom, fields: change.fields } };
}
