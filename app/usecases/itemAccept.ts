import { fail, ok, type Outcome } from '../../rotation/result.js';
import { ctxOf, type Actor, type ChatDeps } from './context.js';
import { findItem, nameOf } from './itemRotation.js';
import { itemViews, type ItemView } from './itemViews.js';

/**
 * `item accept [n]`: the incoming person accepts the items a handoff passed them, in chat. A rotation with no channel
 * has no handoff card to acknowledge, so without this its items would await acceptance for ever. Without a number,
 * every item awaiting the asker's acceptance; with one, that item, if it awaits theirs. Nothing else changes.
 */
export async function acceptItems(deps: ChatDeps, actor: Actor, args: string): Promise<Outcome<ItemView[]>> {
  const number = args.trim().split(/\s+/).filter((w) => w && w !== 'all')[0];
  let n: number | undefined;
  if (number !== undefined) {
    const found = await findItem(deps, number);
    if (!found.ok) return found;
    const item = found.value;
    if (item.holder !== actor.email) {
      const waits = item.awaitingKey ? `awaits ${await nameOf(deps, item.holder)}'s acceptance, not yours` : `is held by ${await nameOf(deps, item.holder)}`;
      return fail(`#${item.n} ${waits}: only its holder accepts it. Nothing changed.`);
    }
    if (!item.awaitingKey) return fail(`#${item.n} is yours already; there is nothing to accept.`);
    n = item.n;
  }
  const accepted = await deps.stores.items.acceptAwaiting(actor.email, n, ctxOf(actor));
  if (accepted.length === 0) return fail(n === undefined ? 'No items await your acceptance; nothing changed. Say "items" to see the open ones.' : `#${n} was accepted just now; nothing changed.`);
  const items = await Promise.all(accepted.map((n) => deps.stores.items.item(n)));
  return ok(await itemViews(deps, items.flatMap((i) => (i ? [i] : []))));
}
