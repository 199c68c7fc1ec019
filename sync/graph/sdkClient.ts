import { AuthenticationHandler, Client, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { DefaultAzureCredential } from '@azure/identity';
import type { GraphMode } from '../SyncSettings.js';

export interface SdkClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or http://127.0.0.1:PORT/v1.0 for a local stand-in. */
  baseUrl: string;
  mode: Exclude<GraphMode, 'dry-run'>;
}

/** Splits "https://host/v1.0" into the client's baseUrl and defaultVersion. */
export function splitGraphUrl(baseUrl: string): { root: string; version: string } {
  const url = new URL(baseUrl);
  const parts = url.pathname.split('/').filter(Boolean);
  const version = parts.pop() ?? 'v1.0';
  url.pathname = parts.length ? `/${parts.join('/')}/` : '/';
  return { root: url.toString(), version };
}

/**
 * The Microsoft Graph SDK's client under GraphApi. Live: a token from @azure/identity's DefaultAzureCredential (client secret, workload
 * or managed identity, from the standard AZURE_* variables). Stand-in: a loopback server that needs no token.
 *
 * The chain is authentication → HTTP only: the SDK's RetryHandler is left out on purpose, because it would
 * re-send a POST after a 504 (not idempotent) and cannot see throttling inside `$batch` responses.
 * sync/graph/GraphApi.ts does the retrying, with Retry-After, back-off with jitter and request time-outs.
 */
export function createSdkClient({ baseUrl, mode }: SdkClientOptions): Client {
  const { root, version } = splitGraphUrl(baseUrl);
  const host = new URL(root).hostname; // the SDK compares host names without the port
  const http = new HTTPMessageHandler();
  const first: Middleware =
    mode === 'standin'
      ? new StandInToken()
      : new AuthenticationHandler(
          new TokenCredentialAuthenticationProvider(new DefaultAzureCredential(), { scopes: ['https://graph.microsoft.com/.default'] }),
        );
  first.setNext?.(http);
  return Client.initWithMiddleware({ middleware: first, baseUrl: root, defaultVersion: version, customHosts: new Set([host]) });
}

/**
 * The SDK's AuthenticationHandler only ever sends a token to https:// hosts, so a loopback stand-in gets a
 * fixed placeholder bearer from here instead: a stand-in checks that one is present, never what it is.
 */
class StandInToken implements Middleware {
  private next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    const options = context.options ?? {};
    const headers = options.headers instanceof Headers ? Object.fromEntries(options.headers.entries()) : { ...(options.headers as Record<string, string> | undefined) };
    context.options = { ...options, headers: { ...headers, Authorization: 'Bearer stand-in' } };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
