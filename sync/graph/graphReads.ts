import type { Result } from '../../rotation/result.js';
import { messageOf } from '../../rotation/messageOf.js';
import { GraphRequestError, type GraphApi } from './GraphApi.js';

/** One resource read in a $batch: its value, or why not (Graph's answer, or an answer that did not parse). */
export type Read<T> = Result<T, GraphRequestError>;
/** One collection read in a $batch: its items (the first page is in hand; the rest are read as it is iterated). */
export type ListRead<T> = Result<AsyncIterable<T>, GraphRequestError>;

export const enc = encodeURIComponent;
/** A user by object id or UPN: the root of their calendars, events and installed apps. */
export const userPath = (idOrUpn: string): string => `/users/${enc(idOrUpn)}`;

/** GETs in $batch requests, each answer parsed (an answer that does not parse is an UnexpectedAnswer error). */
export async function reads<T>(api: GraphApi, urls: string[], parse: (body: unknown) => T): Promise<Array<Read<T>>> {
  const results = await api.batch(urls.map((url) => ({ method: 'GET', url })));
  return results.map((r, i) => {
    if (r.error) return { ok: false, error: r.error };
    try {
      return { ok: true, value: parse(r.body) };
    } catch (err) {
      return { ok: false, error: new GraphRequestError('GET', urls[i]!, r.status, 'UnexpectedAnswer', messageOf(err)) };
    }
  });
}

/**
 * Collections whose first pages are read in $batch requests, each paged on as it is iterated. `parse` answers
 * undefined for an item that is skipped (not Rota's, not a user); it is given the collection's URL for its errors.
 */
export async function listReads<T>(api: GraphApi, urls: string[], parse: (item: unknown, url: string) => T | undefined): Promise<Array<ListRead<T>>> {
  const results = await api.batch(urls.map((url) => ({ method: 'GET', url })));
  return results.map((r, i) => {
    if (r.error) return { ok: false, error: r.error };
    const items = async function* () {
      for await (const item of api.items(urls[i]!, r.body)) {
        const parsed = parse(item, urls[i]!);
        if (parsed !== undefined) yield parsed;
      }
    };
    return { ok: true, value: items() };
  });
}
