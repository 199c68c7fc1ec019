/** An error as text for a report, a log line or sync_state. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
