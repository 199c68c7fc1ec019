import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/root/logger.js';
import { syncJobFor } from '../../app/root/syncJob.js';
import type { TestDatabase } from '../helpers/databases.js';
import { NOW, opsFile, seededDatabase, WEEKS } from './syncHarness.js';

/** The reconcile job runs every 15 minutes; in dry-run mode (no Graph credentials, the Quick start) its plan is long. */
async function dryRunLogs(level: 'info' | 'debug'): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const seeded = await seededDatabase('sqlite', opsFile());
  t = seeded.t;
  const sync = syncJobFor(
    { graph: { mode: 'dry-run', baseUrl: 'https://graph.microsoft.com/v1.0' }, sync: { reconcileEveryMinutes: 15, horizonWeeks: WEEKS } },
    seeded.stores,
    seeded.service,
    log,
    () => NOW,
  );
  await sync.reconcile(NOW);
  return lines;
}

let t: TestDatabase | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

describe('the dry-run sync in the log', () => {
  it('at info: one summary line per reconcile, no plan', async () => {
    const lines = await dryRunLogs('info');
    expect(lines.filter((l) => 'plan' in l)).toEqual([]);
    const summary = lines.filter((l) => String(l.msg).startsWith('sync dry-run'));
    expect(summary.map((l) => [l.level, l.msg])).toEqual([
      [30, 'sync dry-run: nothing written (the plan is logged at debug; `npm run rota -- sync --dry-run` prints it)'],
    ]);
    // ops has a tag and a calendar: create the tag; create the calendar and the 5 weekly shifts that overlap the
    // 4-week horizon from Wed 4 Mar (2, 9, 16, 23 and 30 Mar); none written.
    expect(summary[0]!.targets).toEqual([
      { rotation: 'ops', target: 'tag', planned: 1, written: 0, errors: 0 },
      { rotation: 'ops', target: 'calendar', planned: 6, written: 0, errors: 0 },
    ]);
  });

  it('at debug: the whole plan as well', async () => {
    const lines = await dryRunLogs('debug');
    const plan = lines.find((l) => l.msg === 'sync dry-run: changes it would make (against what Rota last wrote)');
    expect(plan?.level).toBe(20);
    expect(plan?.plan).toContainEqual({ rotation: 'ops', action: 'create tag', detail: 'with alice@contoso.com' });
  });
});
