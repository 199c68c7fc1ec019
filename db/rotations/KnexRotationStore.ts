import type { Knex } from 'knex';
import { appendAudit } from '../audit.js';
import { BEGINNING_OF_TIME, type Change, type ChangeContext, type DesiredRotation, type DesiredState, type StoredState } from '../types.js';
import { applyFileInTransaction } from './applyFile.js';
import { loadState, type RotationRow } from './loadState.js';
import type { ApplyOptions, ChatRotationOptions, ChatRotationSaved, RotationStore } from './RotationStore.js';
import { insertRotation, reviseRotation, sameDefinition } from './rotationWrites.js';

class DryRunRollback extends Error {
  constructor(readonly changes: Change[]) {
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
    try {
      return await this.db.transaction(async (trx) => {
        const changes = await applyFileInTransaction(trx, desired, ctx, options);
        await appendAudit(
          trx,
          ctx,
          changes.map((c) => ({ action: c.action, rotationId: 'rotationId' in c ? c.rotationId : undefined, detail: c })),
        );
        if (options.dryRun) throw new DryRunRollback(changes);
        return changes;
      });
    } catch (err) {
      if (err instanceof DryRunRollback) return err.changes;
      throw err;
    }
  }

  async saveChatRotation(next: DesiredRotation, ctx: ChangeContext, options: ChatRotationOptions): Promise<ChatRotationSaved> {
    return this.db.transaction(async (trx): Promise<ChatRotationSaved> => {
      const row = await trx<RotationRow>('rotations').where({ id: next.id }).first();
      if (!row) {
        await insertRotation(trx, next, ctx.now, 'chat');
        await appendAudit(trx, ctx, [{ action: 'rotation.created', rotationId: next.id, detail: { action: 'rotation.created', rotationId: next.id } }]);
        return { ok: true, value: { action: 'created', effectiveFrom: BEGINNING_OF_TIME, fields: [] } };
      }
      if (row.origin !== 'chat') return { ok: false, error: 'file-origin' };
      if (row.archived_at !== null) return { ok: false, error: 'archived' };
      const existing = (await loadState(trx)).rotations.find((r) => r.id === next.id)!;
      const latest = existing.versions.at(-1);
      if (latest && sameDefinition(latest.definition, next)) {
        return { ok: true, value: { action: 'unchanged', effectiveFrom: latest.from, fields: [] } };
      }
      const change = await reviseRotation(trx, existing, next, ctx.now, options.effectiveFrom);
      await appendAudit(trx, ctx, [{ action: change.action, rotationId: next.id, detail: change }]);
      return { ok: true, value: { action: 'updated', effectiveFrom: change.effectiveFrom, fields: change.fields } };
    });
  }
}
