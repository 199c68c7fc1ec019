/**
 * `npm run bench`: performance figures, each printed beside a baseline measured in the same run, so the
 * ratios mean something on any machine. Never asserted in tests. `-- --json` prints one JSON object.
 */
import { DateTime } from 'luxon';
import { materialise } from '../../rotation/materialise.js';
import type { Override, RotationDef, ScheduleInput, Segment } from '../../rotation/schedule.js';
import { botBench } from './botBench.js';
import { syncFigures } from './syncBench.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_FROM = Date.UTC(2026, 0, 5);
const YEAR_TO = Date.UTC(2027, 0, 4);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];

function rotationDef(i: number, daily: boolean): RotationDef {
  const members = Array.from({ length: 8 }, (_, m) => `m${m}-r${i}@contoso.com`);
  return daily
    ? { id: `r${i}`, timezone: ZONES[i % ZONES.length]!, start: '2026-01-05', every: '1d', handoff: '09:00', onDuty: 1, members }
    : { id: `r${i}`, timezone: ZONES[i % ZONES.length]!, start: '2026-01-05', every: '1w', handoff: 'Mon 12:00', onDuty: 1, members };
}

/** 1,000 rotations of 8 members with 10 overrides each; `dailyEvery` > 0 makes every n-th rotation daily. */
function fleet(count: number, dailyEvery = 0): ScheduleInput {
  const rotations = Array.from({ length: count }, (_, i) => {
    const def = rotationDef(i, dailyEvery > 0 && i % dailyEvery === 0);
    return { id: def.id, versions: [{ from: -Infinity, rotation: def }] };
  });
  const overrides: Override[] = rotations.flatMap((r, i) =>
    Array.from({ length: 10 }, (_, k) => {
      const from = YEAR_FROM + (k * 35 + (i % 7)) * DAY + 3 * HOUR;
      return { rotation: r.id, from, to: from + 30 * HOUR, member: `m${(k + 3) % 8}-r${i}@contoso.com` };
    }),
  );
  return { timezone: 'UTC', rotations, overrides, timeOff: [] };
}

function time<T>(work: () => T): { ms: number; result: T } {
  const t0 = process.hrtime.bigint();
  const result = work();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Baseline for "materialise": the bare cost of stepping the same number of handoffs with luxon, zone-aware. */
function luxonHandoffs(schedule: ScheduleInput): number {
  let n = 0;
  for (const h of schedule.rotations) {
    const def = h.versions[0]!.rotation;
    const step = def.every === '1d' ? { days: 1 } : { weeks: 1 };
    let t = DateTime.fromISO(`${def.start}T12:00`, { zone: def.timezone });
    while (t.toMillis() < YEAR_TO) {
      t = t.plus(step);
      n++;
    }
  }
  return n;
}

function lookups(): Record<string, number> {
  const weekly: ScheduleInput = fleet(1);
  const m = materialise(weekly, YEAR_FROM, YEAR_TO);
  const index = m.rotation('r0')!;
  const segments: Segment[] = index.segments as Segment[];
  const N = 2_000_000;
  const probes = new Float64Array(4096).map((_, i) => YEAR_FROM + ((i * 7919) % 4096) * ((YEAR_TO - YEAR_FROM) / 4096));
  let hits = 0;
  const indexed = time(() => {
    for (let i = 0; i < N; i++) if (index.at(probes[i & 4095]!)) hits++;
  });
  // Baseline: the obvious linear scan over the same segments.
  const linear = time(() => {
    for (let i = 0; i < N / 20; i++) {
      const t = probes[i & 4095]!;
      if (segments.find((s) => s.start <= t && t < s.end)) hits++;
    }
  });
  const indexedPerSec = N / (indexed.ms / 1000);
  const linearPerSec = N / 20 / (linear.ms / 1000);
  if (hits === 0) throw new Error('no lookups hit: the bench is broken');
  return { whoLookupsPerSec: indexedPerSec, whoLookupsLinearScanPerSec: linearPerSec, whoLookupsSpeedupVsLinear: indexedPerSec / linearPerSec, whoLookupsGoalRatio: indexedPerSec / 1_000_000 };
}

function materialiseFleet(dailyEvery: number, prefix: string): Record<string, number> {
  const runs: number[] = [];
  let segments = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  let cold = 0;
  for (let i = 0; i < 5; i++) {
    const input = fleet(1000, dailyEvery); // a new object each run: results are cached per input
    const { ms, result } = time(() => materialise(input, YEAR_FROM, YEAR_TO));
    if (i === 0) {
      cold = ms;
      peakHeap = process.memoryUsage().heapUsed - heapBefore;
    }
    runs.push(ms);
    segments = result.segments.length;
  }
  const baseline = time(() => luxonHandoffs(fleet(1000, dailyEvery)));
  return {
    [`${prefix}MaterialiseColdMs`]: cold,
    [`${prefix}MaterialiseWarmMs`]: median(runs.slice(1)),
    [`${prefix}Segments`]: segments,
    [`${prefix}LuxonHandoffBaselineMs`]: baseline.ms,
    [`${prefix}MaterialiseVsLuxonBaseline`]: median(runs.slice(1)) / baseline.ms,
    [`${prefix}MaterialiseGoalRatio`]: median(runs.slice(1)) / 500,
    [`${prefix}PeakHeapMiB`]: peakHeap / 2 ** 20,
  };
}

const figures: Record<string, number> = {
  ...lookups(),
  ...materialiseFleet(0, 'weekly1000'),
  ...materialiseFleet(3, 'mixed1000'),
  ...(await syncFigures()),
  ...(await botBench()),
  peakRssMiB: process.resourceUsage().maxRSS / 1024, // maxRSS is in KiB: the true peak of the process
};

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
  const rows: Array<[string, string, string]> = [
    ['who lookups / s (materialised year, weekly)', fmt(figures.whoLookupsPerSec!), `goal 1,000,000: ×${fmt(figures.whoLookupsGoalRatio!)}`],
    ['  baseline: linear scan / s', fmt(figures.whoLookupsLinearScanPerSec!), `index is ×${fmt(figures.whoLookupsSpeedupVsLinear!)} faster`],
  ];
  for (const [p, label] of [['weekly1000', '1,000 weekly rotations'], ['mixed1000', '1,000 rotations, 1/3 daily']] as const) {
    rows.push(
      [`materialise 1 year, ${label}: cold ms`, fmt(figures[`${p}MaterialiseColdMs`]!), `${fmt(figures[`${p}Segments`]!)} segments`],
      [`  warm ms (median of 4)`, fmt(figures[`${p}MaterialiseWarmMs`]!), `goal < 500 ms: ${fmt(figures[`${p}MaterialiseGoalRatio`]!)} of budget`],
      [`  baseline: luxon handoff stepping ms`, fmt(figures[`${p}LuxonHandoffBaselineMs`]!), `materialise = ×${fmt(figures[`${p}MaterialiseVsLuxonBaseline`]!)} baseline`],
      [`  heap after first run MiB`, fmt(figures[`${p}PeakHeapMiB`]!), ''],
    );
  }
  rows.push(
    ['Graph requests, reconcile of 200 rotations, nothing changed', fmt(figures.syncUnchangedRequests!), `minimum ${fmt(figures.syncUnchangedMinimumRequests!)} (tag, calendar and owner reads in $batch of 20); writes ${fmt(figures.syncUnchangedWrites!)}, goal 0`],
    ['  after one override: requests', fmt(figures.syncOneChangeRequests!), `writes ${fmt(figures.syncOneChangeWrites!)}, minimum ${fmt(figures.syncOneChangeMinimumWrites!)}`],
    ['swap accepted → tag and calendar right, 50 ms latency, ms', fmt(figures.syncSwapToRightMs!), `goal < 2,000 ms: ${fmt(figures.syncSwapGoalRatio!)} of budget`],
  );
  rows.push(
    ['bot: who through HTTP, median ms', fmt(figures.botWhoMedianMs!), `p99 ${fmt(figures.botWhoP99Ms!)} ms`],
    ['  baseline: botbuilder echo bot, median ms', fmt(figures.botEchoMedianMs!), `p99 ${fmt(figures.botEchoP99Ms!)} ms`],
    ['  who / echo (goal ≤ 1.5)', fmt(figures.botWhoVsEchoMedian!), `p99 ratio ${fmt(figures.botWhoVsEchoP99!)}`],
    ['bot: who activities / s at concurrency 32', fmt(figures.botWhoActivitiesPerSecC32!), `echo bot ${fmt(figures.botEchoActivitiesPerSecC32!)} / s`],
  );
  rows.push(['peak RSS of the whole run MiB', fmt(figures.peakRssMiB!), '']);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd()).join('\n') + '\n');
}
