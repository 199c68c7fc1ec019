import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { jsonColumn } from '../columns.js';
import type { ChangeContext } from '../types.js';
import type { ChannelRef, SubscriptionStore } from './SubscriptionStore.js';

const PREFIX = 'bot.channel.';
const ChannelColumn = z.object({ team: z.string(), id: z.string() });

/** SubscriptionStore on knex: a `settings` row per subscribed rotation, keyed `bot.channel.<rotation>`. */
export class KnexSubscriptionStore implements SubscriptionStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexSubscriptionStore {
    return new KnexSubscriptionStore(db);
  }

  async subscribe(rotationId: string, channel: ChannelRef, ctx: ChangeContext): Promise<void> {
    await this.db.transaction(async (trx) => {
      const key = `${PREFIX}${rotationId}`;
      const value = JSON.stringify(channel);
      await trx('settings').insert({ key, value, updated_at: ctx.now }).onConflict('key').merge({ value, updated_at: ctx.now });
      await appendAudit(trx, ctx, [{ action: 'rotation.subscribed', rotationId, detail: { channel } }]);
    });
  }

  async subscriptions(): Promise<Map<string, ChannelRef>> {
    const rows = (await this.db('settings').whereLike('key', `${PREFIX}%`).select('key', 'value')) as Array<{ key: string; value: string }>;
    return new Map(rows.map((r) => [r.key.slice(PREFIX.length), jsonColumn(ChannelColumn, r.value, { table: 'settings', column: 'value', id: r.key })]));
  }
}
