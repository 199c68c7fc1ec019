import { describe, expect, it } from 'vitest';
import { GraphRequestError } from '../../sync/graph/GraphApi.js';
import { instantOf } from '../../sync/graph/eventTimes.js';

const PATH = '/users/oncall%40contoso.com/calendar/calendarView';

describe("an event's start or end as Graph answers it, read as an instant", () => {
  it.each([
    ['UTC, seven digits of fraction (as Graph writes it)', '2026-03-02T11:00:00.0000000', 'UTC', '2026-03-02T11:00:00.000Z'],
    ["Graph's own name for UTC", '2026-03-02T11:00:00.0000000', 'tzone://Microsoft/Utc', '2026-03-02T11:00:00.000Z'],
    ['an IANA zone in winter (UTC+1)', '2026-03-02T12:00:00', 'Europe/Berlin', '2026-03-02T11:00:00.000Z'],
    ['an IANA zone just after its DST start (UTC-4)', '2026-03-08T03:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['an IANA zone on its summer time (UTC+10 → +11 in January)', '2026-01-15T09:00:00.0000000', 'Australia/Sydney', '2026-01-14T22:00:00.000Z'],
  ])('%s', (_case, dateTime, timeZone, expected) => {
    expect(new Date(instantOf({ dateTime, timeZone }, 'event e1 start', PATH)).toISOString()).toBe(expected);
  });

  it.each([
    ['Pacific Standard Time', "GET /users/oncall%40contoso.com/calendar/calendarView: 200 UnexpectedAnswer: event e1 start has time zone 'Pacific Standard Time', neither UTC nor an IANA zone (Rota asks Graph for UTC; a Windows zone name is not read)"],
    ['W. Europe Standard Time', "GET /users/oncall%40contoso.com/calendar/calendarView: 200 UnexpectedAnswer: event e1 start has time zone 'W. Europe Standard Time', neither UTC nor an IANA zone (Rota asks Graph for UTC; a Windows zone name is not read)"],
  ])('a Windows zone name (%s) is a clear error, never NaN', (timeZone, message) => {
    const read = () => instantOf({ dateTime: '2026-03-02T11:00:00.0000000', timeZone }, 'event e1 start', PATH);
    expect(read).toThrow(GraphRequestError);
    expect(read).toThrow(message);
  });

  it('a dateTime that is not ISO 8601 is an error naming the field', () => {
    expect(() => instantOf({ dateTime: '2 March 2026', timeZone: 'UTC' }, 'event e1 end', PATH)).toThrow(
      "GET /users/oncall%40contoso.com/calendar/calendarView: 200 UnexpectedAnswer: event e1 end dateTime '2 March 2026' is not an ISO 8601 date and time",
    );
  });
});
