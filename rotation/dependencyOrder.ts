import type { RotationHistory } from './schedule.js';

/**
 * Rotations in an order where each comes after every rotation its `avoid` rules look at:
 * a rest rule needs the other rotation's duty already known.
 */
export function dependencyOrder(histories: RotationHistory[]): RotationHistory[] {
  const byId = new Map(histories.map((h) => [h.id, h] as const));
  const order: RotationHistory[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (h: RotationHistory, path: string[]): void => {
    const s = state.get(h.id);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`avoid rules form a cycle: ${[...path, h.id].join(' → ')}`);
    state.set(h.id, 'visiting');
    for (const id of avoidedRotations(h)) {
      const dep = byId.get(id);
      if (dep) visit(dep, [...path, h.id]);
    }
    state.set(h.id, 'done');
    order.push(h);
  };
  for (const h of histories) visit(h, []);
  return order;
}

export function avoidedRotations(h: RotationHistory): Set<string> {
  const ids = new Set<string>();
  for (const v of h.versions) for (const a of v.rotation.avoid ?? []) ids.add(a.rotation);
  return ids;
}
