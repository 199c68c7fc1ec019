import { Client, type AuthProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { DefaultAzureCredential } from '@azure/identity';

export type GraphMode = 'live' | 'standin' | 'dry-run';

export interface GraphClientOptions {
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
 * The real Graph client. Live: a token from @azure/identity's DefaultAzureCredential (client secret, workload
 * or managed identity, from the standard AZURE_* variables). Stand-in: a loopback server that needs no token.
 */
export function createGraphClient({ baseUrl, mode }: GraphClientOptions): Client {
  const { root, version } = splitGraphUrl(baseUrl);
  const host = new URL(root).host;
  if (mode === 'standin') {
    const authProvider: AuthProvider = (done) => done(null, 'stand-in');
    return Client.init({ authProvider, baseUrl: root, defaultVersion: version, customHosts: new Set([host]) });
  }
  const credential = new DefaultAzureCredential();
  const authProvider = new TokenCredentialAuthenticationProvider(credential, {
    scopes: ['https://graph.microsoft.com/.default'],
  });
  return Client.initWithMiddleware({ authProvider, baseUrl: root, defaultVersion: version, customHosts: new Set([host]) });
}
