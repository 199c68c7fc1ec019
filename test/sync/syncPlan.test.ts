import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planEvents, type DesiredEvent, type RemoteEvent } from '../../sync/calendars/eventPlan.js';
import { planTag, type RemoteTagMember } from '../../sync/tags/tagPlan.js';

const NOW = 1_000_000;

const desiredArb = fc
  .uniqueArray(fc.record({ start: fc.integer({ min: 0, max: 50 }), len: fc.integer({ min: 1, max: 5 }), v: fc.integer({ min: 0, max: 2 }) }), { selector: (d) => d.start, maxLength: 12 })
  .map((items) =>
    items.map<DesiredEvent>(({ start, len, v }) => ({
      key: `r/${start}`,
      rotationId: 'r',
      start: NOW + start * 1000,
      end: NOW + (start + len) * 1000,
      subject: `s${v}`,
      hash: `h${v}-${len}`,
      payload: {},
    })),
  );
const remoteArb = fc.array(
  fc.record({ start: fc.integer({ min: -10, max: 50 }), len: fc.integer({ min: 1, max: 5 }), v: fc.integer({ min: 0, max: 2 }), id: fc.uuid() }),
  { maxLength: 12 },
).map((items) => items.map<RemoteEvent>(({ start, len, v, id }) => ({ id, key: `r/${start}`, start: NOW + start * 1000, end: NOW + (start + len) * 1000, subject: `s${v}`, hash: `h${v}-${len}` })));

/** What the calendar holds after the operations (Rota's events only). */
function apply(remote: RemoteEvent[], ops: ReturnType<typeof planEvents>): RemoteEvent[] {
  let out = [...remote];
  let n = 0;
  for (const op of ops) {
    if (op.kind === 'delete') out = out.filter((r) => r.id !== op.id);
    else if (op.kind === 'update') out = out.map((r) => (r.id === op.id ? { ...r, ...pick(op.event) } : r));
    else out.push({ id: `new-${n++}`, ...pick(op.event) });
  }
  return out;
}
const pick = (e: DesiredEvent) => ({ key: e.key, start: e.start, end: e.end, subject: e.subject, hash: e.hash });

describe('planEvents', () => {
  it('after the plan, the future holds exactly the desired events; a second plan is empty; history is untouched', () => {
    fc.assert(
      fc.property(desiredArb, remoteArb, (desired, remote) => {
        const ops = planEvents(desired, remote, NOW);
        const after = apply(remote, ops);
        const future = after.filter((e) => e.end > NOW).map((e) => e.key).sort();
        expect(future).toEqual(desired.map((d) => d.key).sort());
        expect(planEvents(desired, after, NOW)).toEqual([]);
        for (const past of remote.filter((r) => r.end <= NOW)) expect(after).toContainEqual(past);
      }),
    );
  });

  it('is minimal: one operation per desired event that is missing or differs, one per extra remote event', () => {
    fc.assert(
      fc.property(desiredArb, remoteArb, (desired, remote) => {
        const live = remote.filter((r) => r.end > NOW);
        const keys = new Set(live.map((r) => r.key));
        const ops = planEvents(desired, remote, NOW);
        const duplicates = live.length - keys.size;
        const wanted = new Set(desired.map((d) => d.key));
        const vanished = [...keys].filter((k) => !wanted.has(k)).length;
        const creates = desired.filter((d) => !keys.has(d.key)).length;
        expect(ops.filter((o) => o.kind === 'delete')).toHaveLength(duplicates + vanished);
        expect(ops.filter((o) => o.kind === 'create')).toHaveLength(creates);
        expect(ops.filter((o) => o.kind === 'update').length).toBeLessThanOrEqual(desired.length - creates);
      }),
    );
  });
});

describe('planTag', () => {
  const member = (id: string, memberId = `m-${id}`): RemoteTagMember => ({ id, memberId, label: id });

  it.each([
    ['nothing to do', ['a'], [member('a')], [], []],
    ['handoff: add the incoming, remove the outgoing', ['b'], [member('a')], ['b'], ['m-a']],
    ['a hand-added extra is removed', ['a'], [member('a'), member('x')], [], ['m-x']],
    ['a duplicate membership is removed', ['a'], [member('a'), member('a', 'm-a2')], [], ['m-a2']],
    ['ids compare case-insensitively', ['ABC'], [member('abc')], [], []],
  ])('%s', (_name, desired, remote, add, remove) => {
    const plan = planTag(desired.map((id) => ({ id, label: id })), remote);
    expect(plan.add.map((a) => a.id)).toEqual(add);
    expect(plan.remove.map((r) => r.memberId)).toEqual(remove);
  });

  it('after the plan the tag holds exactly the desired people', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e')), fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e')), (desired, remoteIds) => {
        const remote = remoteIds.map((id, i) => member(id, `m${i}`));
        const plan = planTag(desired.map((id) => ({ id, label: id })), remote);
        const removed = new Set(plan.remove.map((r) => r.memberId));
        const after = [...remote.filter((r) => !removed.has(r.memberId)).map((r) => r.id), ...plan.add.map((a) => a.id)].sort();
        expect(after).toEqual([...desired].sort());
      }),
    );
  });
});
