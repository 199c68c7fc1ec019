import { randomUUID } from 'node:crypto';

/**
 * The Graph stand-in's personal-scope app installations, for Rota's proactive installation:
 * - "List apps installed for user" (https://learn.microsoft.com/en-us/graph/api/userteamwork-list-installedapps):
 *   GET /users/{id | upn}/teamwork/installedApps → 200 collection of teamsAppInstallation; `teamsApp` only with
 *   $expand=teamsApp; $filter on teamsApp/externalId (the manifest id, example 3) or teamsApp/id. The
 *   installation's id is not the app's id.
 * - "Install app for user" (…/userteamwork-post-installedapps): POST the same path with
 *   {"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{catalog id}"} → 201 Created,
 *   no body. The catalog id is the app catalog's, not the manifest id ("Send proactive installation messages",
 *   msteams-docs: "This is different from the ID that you provided in your app manifest"); only an app published
 *   to the organization's catalog (or the Store) can be installed.
 * - Installing an app the user already has is 409 Conflict (microsoftgraph/microsoft-graph-docs issue #12199,
 *   "Unable to add an app to Team": "I got the expected 409 Conflict"; the same for personal scope).
 * Guesses, not in the docs: a bind that is missing or not an appCatalogs/teamsApps URL is 400 BadRequest; an id that
 * is not in the catalog is 404 NotFound.
 */

export interface CatalogApp {
  /** The catalog's id (what the bind names). */
  id: string;
  /** The manifest id. */
  externalId: string;
  displayName: string;
}

interface Reply {
  status: number;
  body?: unknown;
}

type ErrorReply = (status: number, code: string, message: string) => Reply;

const BIND = /^https:\/\/graph\.microsoft\.com\/(v1\.0|beta)\/appCatalogs\/teamsApps\/([^/?#]+)$/;

export class InstalledApps {
  /** The organization's catalog. */
  readonly catalog = new Map<string, CatalogApp>();
  /** User object id → (installation id → catalog app id). */
  private readonly byUser = new Map<string, Map<string, string>>();
  /** Told after each successful POST (tests wire it to the connector stand-in's installApp). */
  onAppInstalled: ((userObjectId: string) => void) | undefined;

  constructor(private readonly error: ErrorReply) {}

  publish(app: Omit<CatalogApp, 'id'> & { id?: string }): CatalogApp {
    const published = { id: app.id ?? randomUUID(), externalId: app.externalId, displayName: app.displayName };
    this.catalog.set(published.id, published);
    return published;
  }

  /** Installs without the hook (a person who added the app themselves). */
  installByHand(userObjectId: string, catalogAppId: string): void {
    this.apps(userObjectId).set(installationId(userObjectId, catalogAppId), catalogAppId);
  }

  isInstalled(userObjectId: string, catalogAppId: string): boolean {
    return [...this.apps(userObjectId).values()].includes(catalogAppId);
  }

  /** /users/{id}/teamwork/installedApps; `userId` is the resolved user's object id. */
  route(userId: string, method: string, query: URLSearchParams, body: unknown): Reply {
    if (method === 'GET') return this.list(userId, query);
    if (method === 'POST') return this.install(userId, body);
    return this.error(405, 'MethodNotAllowed', 'Method not allowed.');
  }

  private list(userId: string, query: URLSearchParams): Reply {
    let items = [...this.apps(userId)].map(([id, appId]) => ({ id, app: this.catalog.get(appId)! }));
    const filter = query.get('$filter');
    if (filter) {
      const m = /^teamsApp\/(externalId|id) eq '([^']*)'$/.exec(filter);
      if (!m) return this.error(400, 'BadRequest', `Invalid filter clause: ${filter}`);
      items = items.filter((i) => (m[1] === 'id' ? i.app.id : i.app.externalId) === m[2]);
    }
    const expand = (query.get('$expand') ?? '').split(',').map((e) => e.trim());
    const value = items.map((i) => ({ id: i.id, ...(expand.includes('teamsApp') ? { teamsApp: { ...i.app, distributionMethod: 'organization' } } : {}) }));
    return { status: 200, body: { value } };
  }

  private install(userId: string, body: unknown): Reply {
    const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
    const m = typeof bind === 'string' ? BIND.exec(bind) : null;
    if (!m) return this.error(400, 'BadRequest', `Invalid teamsApp@odata.bind: expected https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{id}, got ${JSON.stringify(bind)}`);
    const appId = decodeURIComponent(m[2]!);
    if (!this.catalog.has(appId)) return this.error(404, 'NotFound', `The app '${appId}' was not found in the app catalog.`);
    if (this.isInstalled(userId, appId)) return this.error(409, 'Conflict', 'App is already installed for this user.');
    this.apps(userId).set(installationId(userId, appId), appId);
    this.onAppInstalled?.(userId);
    return { status: 201 };
  }

  private apps(userId: string): Map<string, string> {
    let apps = this.byUser.get(userId);
    if (!apps) this.byUser.set(userId, (apps = new Map()));
    return apps;
  }
}

/** Graph's installation ids are base64 of "user##app" (the list example's ids). */
function installationId(userId: string, appId: string): string {
  return Buffer.from(`${userId}##${appId}`).toString('base64');
}
