import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { activityProblems } from './inboundActivity.js';

export const MAX_ACTIVITY_BYTES = 256 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON object body; botbuilder expects `req.body` already parsed, as Express would have done. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_ACTIVITY_BYTES): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyError(413, `request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BodyError(400, 'request body must be a JSON object (a Bot Framework activity)');
  }
  return body as Record<string, unknown>;
}

/** Reads the body and checks it is an activity Rota can handle; a 400 names every missing or wrong field. */
export async function readActivity(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req);
  const problems = activityProblems(body);
  if (problems.length) throw new BodyError(400, problems.join('; '));
  return body;
}

/** Adapts node:http's request and response to the small interfaces CloudAdapter.process uses. */
export function toBotRequest(req: IncomingMessage, body: Record<string, unknown>): Request {
  return { body, headers: req.headers as Request['headers'], method: req.method ?? 'POST' };
}

export function toBotResponse(res: ServerResponse): Response {
  let payload: unknown;
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(body: unknown) {
      payload = body;
    },
    end() {
      if (res.writableEnded) return;
      if (payload === undefined) return void res.end();
      const isText = typeof payload === 'string';
      res.setHeader('content-type', isText ? 'text/plain; charset=utf-8' : 'application/json');
      res.end(isText ? payload : JSON.stringify(payload));
    },
  };
}
