import type { Command } from 'commander';
import { fairness, type RotationFairness } from '../../rotation/fairness.js';
import { roundedPercents } from '../../rotation/roundedPercents.js';
import { schedulePinningWarnings, type FileWarning } from '../../rotation/weekdayPinning.js';
import { doubleBookedHours, doubleBookings } from '../../rotation/doubleBookings.js';
import { toICalendar } from '../../rotation/ics.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import type { Segment } from '../../rotation/schedule.js';
import { CliError } from './cliError.js';
import { dutyAt } from '../../rotation/dutyAt.js';
import { formatTable, isoInZone, zonedShort } from '../usecases/format.js';
import { parseEndArg, parseInstantArg, startOfToday, weeksLater } from './instantArg.js';
import { openScheduleSource, pickRotations, type RotationInfo } from './scheduleSource.js';
import { LOAD_NEEDS_DATABASE, loadFromDatabase, renderLoad, withLoad } from './statsLoad.js';

type Out = (s: string) => void;

const FROM_HELP = 'start: a date (midnight), "2026-12-24 09:00", or words such as tomorrow or "next monday"';
const TO_HELP = 'end, read like --from; a date alone covers that whole day, a time is exclusive (default: 4 weeks after --from)';
const DEFAULT_WEEKS = 4;

/** [--from, --to) in `zone`: today's local midnight and 4 weeks later unless the options say otherwise. */
export function windowOf(opts: { from: string; to?: string | undefined }, zone: string, now: number): { from: number; to: number } {
  const from = opts.from === 'today' ? startOfToday(zone, now) : parseInstantArg('--from', opts.from, zone, now);
  const to = opts.to === undefined ? weeksLater(from, zone, DEFAULT_WEEKS) : parseEndArg('--to', opts.to, zone, now);
  if (to <= from) throw new CliError(`--to: must be after --from (${opts.to ?? ''} is not after ${opts.from})`, 2);
  return { from, to };
}

/** `who`, `schedule` and `stats`: read-only queries over a rotation file or the database. */
export function addQueryCommands(program: Command, out: Out, clock: () => number): void {
  program
    .command('who')
    .description('who is on duty now (or --at a time), until when, and who is next')
    .option('--rotation <id>', 'only this rotation')
    .option('--at <time>', 'a time as the chat reads it ("tomorrow 9:00", "next monday", "2026-12-24 09:00") in each rotation\'s zone, or ISO with an offset')
    .option('--config <file>', 'read this rotation file instead of the database')
    .option('--json', 'print JSON')
    .action(async (opts: { rotation?: string; at?: string; config?: string; json?: boolean }) => {
      const source = await openScheduleSource(opts.config);
      const rows = pickRotations(source, opts.rotation).map((r) => {
        const at = opts.at ? parseInstantArg('--at', opts.at, r.timezone, clock()) : clock();
        const [answer] = dutyAt(source.schedule, at, [r.id]);
        return { rotation: r, at, answer: answer! };
      });
      if (opts.json) {
        const json = rows.map(({ rotation: r, answer: a }) => ({
          rotation: r.id,
          name: r.name,
          members: a.now?.members ?? [],
          since: a.now ? isoInZone(a.now.start, r.timezone) : null,
          until: a.now ? isoInZone(a.now.end, r.timezone) : null,
          next: a.next ? { members: a.next.members, start: isoInZone(a.next.start, r.timezone) } : null,
          escalation: r.escalation ?? null,
        }));
        return out(`${JSON.stringify(json, null, 2)}\n`);
      }
      out(
        formatTable(
          ['rotation', 'on duty', 'since', 'until', 'next'],
          rows.map(({ rotation: r, answer: a }) => [
            r.id,
            a.now ? a.now.members.join(', ') : '(nobody)',
            a.now ? zonedShort(a.now.start, r.timezone) : '',
            a.now ? zonedShort(a.now.end, r.timezone) : '',
            a.next ? `${a.next.members.join(', ')} from ${zonedShort(a.next.start, r.timezone)}` : '',
          ]),
        ),
      );
    });

  program
    .command('schedule')
    .description('the segments of each rotation that overlap [--from, --to), by default today → 4 weeks')
    .option('--rotation <id>', 'only this rotation')
    .option('--from <date>', FROM_HELP, 'today')
    .option('--to <date>', TO_HELP)
    .option('--format <format>', 'table, json or ics', 'table')
    .option('--config <file>', 'read this rotation file instead of the database')
    .action(async (opts: { rotation?: string; from: string; to?: string; format: string; config?: string }) => {
      if (!['table', 'json', 'ics'].includes(opts.format)) throw new CliError(`--format: expected table, json or ics (got "${opts.format}")`, 2);
      const source = await openScheduleSource(opts.config);
      const picked = pickRotations(source, opts.rotation);
      // A date alone means midnight in each rotation's own zone, so each rotation has its own window; the default
      // window (today → 4 weeks) starts at today's midnight in the file's zone, the same instant for every rotation.
      const fileZone = source.schedule.timezone;
      const windows = new Map(picked.map((r) => [r.id, windowOf(opts, opts.from === 'today' ? fileZone : r.timezone, clock())] as const));
      const all = [...windows.values()];
      const from = Math.min(...all.map((w) => w.from));
      const to = Math.max(...all.map((w) => w.to));
      // segmentsBetween already sorts by rotation, then start.
      const segments = segmentsBetween(source.schedule, from, to).filter((s) => {
        const w = windows.get(s.rotation);
        return w !== undefined && s.end > w.from && s.start < w.to;
      });
      const zone = new Map(picked.map((r) => [r.id, r]));
      out(renderSegments(segments, zone, opts.format, clock()));
    });

  program
    .command('stats')
    .description('fairness over [--from, --to): shifts, on-duty, weekend and holiday hours, share of capacity; from the database also the interrupt load (duties, items, escalations)')
    .option('--from <date>', `${FROM_HELP} (in the file's zone)`, 'today')
    .option('--to <date>', TO_HELP)
    .option('--config <file>', 'read this rotation file instead of the database')
    .option('--json', 'print JSON')
    .action(async (opts: { from: string; to?: string; config?: string; json?: boolean }) => {
      const source = await openScheduleSource(opts.config);
      const { from, to } = windowOf(opts, source.schedule.timezone, clock());
      const stats = fairness(source.schedule, from, to);
      const warnings = schedulePinningWarnings(source.schedule);
      const doubled = doubleBookedHours(doubleBookings(source.schedule, from, to));
      const doubledLine = (d: (typeof doubled)[number]) => `double booked: ${d.member} ${d.hours.toFixed(1)} h on duty in both ${d.rotations[0]} and ${d.rotations[1]}\n`;
      // The interrupt load lives in the database (duty runs, items); a rotation file alone has none.
      // The note goes to stderr, so what a file alone gives on stdout reads as it always did.
      const load = opts.config ? undefined : await loadFromDatabase(stats, from, to, clock());
      if (!load) process.stderr.write(`rota: ${LOAD_NEEDS_DATABASE}\n`);
      if (!opts.json) return out(renderStats(stats, warnings) + doubled.map(doubledLine).join('') + (load ? `\n${renderLoad(load)}` : ''));
      // JSON stays one parseable document on stdout (the same array, each rotation gaining `load`); notes go to stderr.
      for (const w of warnings) process.stderr.write(`rota: warning: ${w.message}\n`);
      for (const d of doubled) process.stderr.write(`rota: ${doubledLine(d)}`);
      out(`${JSON.stringify(withLoad(stats, load), null, 2)}\n`);
    });
}

/** The stats table, what its two share columns mean, and the rotations whose queue pins weekdays. */
function renderStats(stats: RotationFairness[], warnings: FileWarning[]): string {
  const rows = stats.flatMap((r) => {
    const share = roundedPercents(r.members.map((m) => m.share));
    const capacity = roundedPercents(r.members.map((m) => m.capacityShare));
    return r.members.map((m, i) => [
      r.rotation,
      m.member,
      String(m.shifts),
      m.onDutyHours.toFixed(1),
      m.weekendHours.toFixed(1),
      m.holidayHours.toFixed(1),
      `${(share[i] ?? 0).toFixed(1)}%`,
      `${(capacity[i] ?? 0).toFixed(1)}%`,
    ]);
  });
  const table = formatTable(['rotation', 'member', 'shifts', 'hours', 'weekend h', 'holiday h', 'share', 'share of capacity'], rows);
  const legend =
    "share: part of the rotation's on-duty hours; share of capacity: part of its members' available hours (in the roster, " +
    'not on time off), what share would be if duty followed availability. Each adds up to 100 % per rotation.\n';
  return table + legend + warnings.map((w) => `warning: ${w.message}\n`).join('');
}

function renderSegments(segments: Segment[], rotations: Map<string, RotationInfo>, format: string, now: number): string {
  const zone = (s: Segment) => rotations.get(s.rotation)?.timezone ?? 'UTC';
  if (format === 'json') {
    const json = segments.map((s) => ({
      rotation: s.rotation,
      start: isoInZone(s.start, zone(s)),
      end: isoInZone(s.end, zone(s)),
      members: s.members,
      source: s.source,
      conflict: s.conflict,
    }));
    return `${JSON.stringify(json)}\n`;
  }
  if (format === 'ics') {
    return toICalendar(segments, {
      now,
      name: 'Rota',
      summary: (s) => `On call: ${s.members.join(', ')} — ${rotations.get(s.rotation)?.name ?? s.rotation}`,
    });
  }
  return formatTable(
    ['rotation', 'start', 'end', 'on duty', 'note'],
    segments.map((s) => [
      s.rotation,
      zonedShort(s.start, zone(s)),
      zonedShort(s.end, zone(s)),
      s.members.join(', '),
      [s.source === 'override' ? 'override' : '', s.conflict ? 'CONFLICT' : ''].filter(Boolean).join(', '),
    ]),
  );
}
