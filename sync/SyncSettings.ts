/**
 * How the sync talks to Graph: `live` with a token from @azure/identity, `standin` against a loopback stand-in
 * (no token), `dry-run` without Graph at all (no credentials: the plan is made against what Rota last wrote).
 */
export type GraphMode = 'live' | 'standin' | 'dry-run';

/** What the sync needs of the configuration; app/root/config maps its Config to this. */
export interface SyncSettings {
  mode: GraphMode;
  /** e.g. https://graph.microsoft.com/v1.0, or http://127.0.0.1:PORT/v1.0 for a local stand-in. */
  baseUrl: string;
  /** How far ahead calendars are kept, in milliseconds. */
  horizonMs: number;
}
