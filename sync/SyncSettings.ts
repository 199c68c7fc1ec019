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
  /** Proactive installation for people Rota has no 1:1 chat with; absent without a bot app id. */
  installation?: InstallationSettings;
}

/** Which Teams app to install: its manifest id (the bot's app id) and, when configured, its app catalog id. */
export interface InstallationSettings {
  externalId: string;
  catalogAppId?: string;
}
