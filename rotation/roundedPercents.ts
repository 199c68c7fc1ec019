/**
 * Fractions as percentages with `decimals` places that add up to exactly 100 (largest remainder,
 * Hamilton's method): each value is rounded down, then the units still missing go to the values
 * that lost the most, ties to the earlier one. All zeros (nothing to share) stay zeros.
 */
export function roundedPercents(values: readonly number[], decimals = 1): number[] {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (!(total > 0)) return values.map(() => 0);
  const scale = 10 ** decimals;
  const units = 100 * scale;
  const exact = values.map((v) => (v / total) * units);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let missing = units - floors.reduce((sum, f) => sum + f, 0);
  const order = exact.map((x, i) => ({ i, rest: x - (floors[i] ?? 0) })).sort((p, q) => q.rest - p.rest || p.i - q.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing--;
  }
  return floors.map((f) => f / scale);
}
