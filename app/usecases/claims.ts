import { MS_PER_HOUR as HOUR, MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';

/** A handoff or duty missed while Rota was down is still sent, marked late, if its time was this recently. */
export const CATCH_UP_MS = 6 * HOUR;

/**
 * A claim still `claimed` this long after its holder last touched it: the holder stopped between the claim and the
 * send, and another replica takes it over. A holder refreshes its claim before each send, so this has to outlast
 * one send, not a whole run: the Messenger tries a throttled send 4 times, waiting up to 30 s between tries
 * (Retry-After), each try up to the connector's own timeout — a couple of minutes at worst. Ten minutes is clearly
 * longer than that (and than the 2-minute posting lease, which a long tick outlives), while a Rota that really
 * stopped still has its duties sent well inside their catch-up window.
 */
export const STALE_CLAIM_MS = 10 * MINUTE;

/** Claims a stopped Rota left: each is taken over by exactly one caller (`retake`), which then `resume`s it. */
export async function resumeStaleClaims<T extends { key: string }>(stale: T[], retake: (key: string) => Promise<boolean>, resume: (claim: T) => Promise<void>): Promise<void> {
  for (const claim of stale) if (await retake(claim.key)) await resume(claim);
}
