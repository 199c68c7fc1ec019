import { DateTime, IANAZone } from 'luxon';
import { GraphRequestError } from './GraphApi.js';

/** A dateTimeTimeZone as Graph answers it ("dateTimeTimeZone resource type"). */
export interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

/**
 * The instant of an event's start or end. Rota sends no `Prefer: outlook.timezone` header, so Graph answers in UTC
 * ("Get event": start and end are in UTC unless that header asks otherwise); an IANA zone is read too. A Windows
 * zone name ("Pacific Standard Time") is not read: no mapping is a dependency, and guessing would put the event
 * at the wrong hour, so it is an error naming the event, the field and the zone (`path`: the request it came from).
 */
export function instantOf(v: GraphDateTime, field: string, path: string): number {
  const zone = v.timeZone === 'UTC' || v.timeZone === 'tzone://Microsoft/Utc' ? 'UTC' : v.timeZone;
  const unreadable = (why: string) => new GraphRequestError('GET', path, 200, 'UnexpectedAnswer', `${field} ${why}`);
  if (zone !== 'UTC' && !IANAZone.isValidZone(zone)) {
    throw unreadable(`has time zone '${v.timeZone}', neither UTC nor an IANA zone (Rota asks Graph for UTC; a Windows zone name is not read)`);
  }
  const t = DateTime.fromISO(v.dateTime.replace(/(\.\d{3})\d+$/, '$1'), { zone });
  if (!t.isValid) throw unreadable(`dateTime '${v.dateTime}' is not an ISO 8601 date and time`);
  return t.toMillis();
}
