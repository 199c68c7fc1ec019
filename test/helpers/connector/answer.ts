import type http from 'node:http';

/** An answer of the Bot Connector stand-in: always JSON, errors as `{error: {code, message}}`. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function sendAnswer(res: http.ServerResponse, { status, body, headers = {} }: Answer): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function connectorError(status: number, code: string, message: string): Answer {
  return { status, body: { error: { code, message } } };
}
