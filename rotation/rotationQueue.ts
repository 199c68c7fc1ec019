/**
 * The order in which members take shifts. Each shift takes the first `onDuty` available
 * members, who go to the back; a skipped member keeps their place at the front and takes
 * the next shift they can, so nobody loses or gains turns.
 */
const NONE: string[] = [];
const NOBODY: ReadonlySet<string> = new Set();

export class RotationQueue {
  private constructor(private order: string[]) {}

  static of(roster: readonly string[]): RotationQueue {
    return new RotationQueue([...new Set(roster)]);
  }

  /**
   * The queue for a new roster version that adds or removes members without reordering those who stay (a reorder
   * takes `reordered`): remaining members keep their relative order, new members join at the back in roster order,
   * removed members disappear.
   */
  withRoster(roster: readonly string[]): RotationQueue {
    const keep = new Set(roster);
    const remaining = this.order.filter((m) => keep.has(m));
    const known = new Set(remaining);
    return new RotationQueue([...remaining, ...roster.filter((m) => !known.has(m) && (known.add(m), true))]);
  }

  /**
   * The queue for a reordered roster (see `isReorder`): the new roster's order, starting with the member after the last
   * (in the new order) of `lastOnDuty`, those on duty in the previous shift, wrapping; from its first member when none
   * of them stays.
   */
  static reordered(roster: readonly string[], lastOnDuty: readonly string[]): RotationQueue {
    const order = [...new Set(roster)];
    const last = Math.max(-1, ...lastOnDuty.map((m) => order.indexOf(m)));
    return new RotationQueue([...order.slice(last + 1), ...order.slice(0, last + 1)]);
  }

  /** Whether the members in both rosters stand in a different relative order in `roster` than in `previous`: adding or removing alone is no reorder. */
  static isReorder(previous: readonly string[], roster: readonly string[]): boolean {
    const inPrevious = new Set(previous);
    const inRoster = new Set(roster);
    const before = [...inPrevious].filter((m) => inRoster.has(m));
    const after = [...inRoster].filter((m) => inPrevious.has(m));
    return before.some((m, i) => after[i] !== m);
  }

  get members(): readonly string[] {
    return this.order;
  }

  /**
   * Takes the next `count` members for a shift, passing over those in `except` (already on it). When too few are available the shift is
   * still filled in queue order, and those members are reported as `unavailable`.
   */
  take(count: number, available: (member: string) => boolean, except: ReadonlySet<string> = NOBODY): { members: string[]; unavailable: string[] } {
    // Runs once per shift for every rotation: kept allocation-light on purpose.
    const order = this.order;
    const members: string[] = [];
    for (let i = 0; i < order.length && members.length < count; i++) {
      const m = order[i]!;
      if (!except.has(m) && available(m)) members.push(m);
    }
    return this.fillAndRequeue(members, count, except);
  }

  /**
   * `balance: hours`: the `count` available members with the fewest on-duty hours so far, ties
   * broken by queue order, listed in queue order. Filling and requeueing work as in `take`.
   */
  takeFewest(
    count: number,
    available: (member: string) => boolean,
    hours: (member: string) => number,
    except: ReadonlySet<string> = NOBODY,
  ): { members: string[]; unavailable: string[] } {
    const order = this.order;
    const ranked = order
      .map((member, place) => ({ member, place, hours: hours(member) }))
      .filter((c) => !except.has(c.member) && available(c.member))
      .sort((a, b) => a.hours - b.hours || a.place - b.place)
      .slice(0, count)
      .sort((a, b) => a.place - b.place);
    return this.fillAndRequeue(
      ranked.map((c) => c.member),
      count,
      except,
    );
  }

  /** `order: rotate-weekly`: the first `places` members go to the back, as if they had had a turn. */
  rotate(places: number): void {
    const n = places % Math.max(1, this.order.length);
    if (n > 0) this.order.push(...this.order.splice(0, n));
  }

  /** Fills a short shift with unavailable members in queue order (never one of `except`), then sends everyone on it to the back. */
  private fillAndRequeue(members: string[], count: number, except: ReadonlySet<string>): { members: string[]; unavailable: string[] } {
    const order = this.order;
    let unavailable: string[] = NONE;
    for (let i = 0; i < order.length && members.length < count; i++) {
      const m = order[i]!;
      if (!members.includes(m) && !except.has(m)) {
        members.push(m);
        if (unavailable === NONE) unavailable = [];
        unavailable.push(m);
      }
    }
    for (const m of members) order.splice(order.indexOf(m), 1);
    for (const m of members) order.push(m);
    return { members, unavailable };
  }
}
