import { berlin } from './chatWorld.js';

/**
 * The duty tests' rotation: alice and bob both on duty the week of Mon 30 Nov 2026 (Europe/Berlin, weekly from Mon
 * 09:00, onDuty: 2), with the duties given (flow-style YAML lines such as `{ at: "Tue 10:00", task: "…" }`).
 */
export function pairFile(duties: string[]): string {
  return `timezone: Europe/Berlin
rotations:
  - id: pair
    name: Pair
    start: 2026-11-30
    every: 1w
    handoff: "Mon 09:00"
    onDuty: 2
    members: [alice@contoso.com, bob@contoso.com]
    duties:
${duties.map((d) => `      - ${d}\n`).join('')}`;
}

/** Tue 1 Dec 2026 10:00 in Berlin, when the first duty of the tests is due. */
export const DUE = berlin('2026-12-01 10:00');
export const MINUTE = 60_000;
/** The jobs' log, for tests that assert on outcomes, not log lines. */
export const quietLog = { info: () => undefined, warn: () => undefined };
