/**
 * The event time zones the Graph stand-in accepts, and Graph's answer to any other.
 *
 * "dateTimeTimeZone resource type" (https://learn.microsoft.com/en-us/graph/api/resources/datetimetimezone): the
 * timeZone "can be set to any of the time zones currently supported by Windows, as well as the other time zones
 * supported by the calendar API" — the "Additional time zones" list below, one IANA name per Windows zone — and
 * "methods such as create or update might not support all dateTimeTimeZone time zones". Any other name is refused
 * with 400 TimeZoneNotSupportedException, "A valid TimeZone value must be specified. The following TimeZone value
 * is not supported: '…'." (microsoftgraph/microsoft-graph-docs issue #4758, "While creating an event
 * TimeZoneNotSupportedException occurs"). So Europe/Amsterdam, America/Toronto or Pacific/Chatham, valid IANA
 * names missing from that list, are refused, as a real tenant may refuse them.
 *
 * The Windows names are a short subset (the stand-in must compute instants, so each maps to an IANA zone with the
 * same rules); the IANA list is the documentation's, whole.
 */

/** "Additional time zones", as listed on the page (the Kyiv, Tashkent, Almaty and Rangoon lines name two spellings). */
const DOCUMENTED_IANA = `Etc/GMT+12 Etc/GMT+11 Pacific/Honolulu America/Anchorage America/Santa_Isabel America/Los_Angeles
America/Phoenix America/Chihuahua America/Denver America/Guatemala America/Chicago America/Mexico_City America/Regina
America/Bogota America/New_York America/Indiana/Indianapolis America/Caracas America/Asuncion America/Halifax
America/Cuiaba America/La_Paz America/Santiago America/St_Johns America/Sao_Paulo America/Argentina/Buenos_Aires
America/Cayenne America/Godthab America/Montevideo America/Bahia Etc/GMT+2 Atlantic/Azores Atlantic/Cape_Verde
Africa/Casablanca Etc/GMT Europe/London Atlantic/Reykjavik Europe/Berlin Europe/Budapest Europe/Paris Europe/Warsaw
Africa/Lagos Africa/Windhoek Europe/Bucharest Asia/Beirut Africa/Cairo Asia/Damascus Africa/Johannesburg Europe/Kyiv
Europe/Kiev Europe/Istanbul Asia/Jerusalem Asia/Amman Asia/Baghdad Europe/Kaliningrad Asia/Riyadh Africa/Nairobi
Asia/Tehran Asia/Dubai Asia/Baku Europe/Moscow Indian/Mauritius Asia/Tbilisi Asia/Yerevan Asia/Kabul Asia/Karachi
Asia/Tashkent Asia/Kolkata Asia/Colombo Asia/Kathmandu Asia/Almaty Asia/Dhaka Asia/Yekaterinburg Asia/Yangon
Asia/Rangoon Asia/Bangkok Asia/Novosibirsk Asia/Shanghai Asia/Krasnoyarsk Asia/Singapore Australia/Perth Asia/Taipei
Asia/Ulaanbaatar Asia/Irkutsk Asia/Tokyo Asia/Seoul Australia/Adelaide Australia/Darwin Australia/Brisbane
Australia/Sydney Pacific/Port_Moresby Australia/Hobart Asia/Yakutsk Pacific/Guadalcanal Asia/Vladivostok
Pacific/Auckland Etc/GMT-12 Pacific/Fiji Asia/Magadan Pacific/Tongatapu Pacific/Apia Pacific/Kiritimati`.split(/\s+/);

/** A few Windows zone names (Get-TimeZone ids) and an IANA zone with the same rules, to compute instants. */
const WINDOWS_ZONES: Record<string, string> = {
  UTC: 'UTC',
  'W. Europe Standard Time': 'Europe/Berlin',
  'GMT Standard Time': 'Europe/London',
  'Eastern Standard Time': 'America/New_York',
  'Pacific Standard Time': 'America/Los_Angeles',
  'India Standard Time': 'Asia/Kolkata',
  'Chatham Islands Standard Time': 'Pacific/Chatham',
};

const SUPPORTED = new Map<string, string>([...DOCUMENTED_IANA.map((z) => [z, z] as const), ...Object.entries(WINDOWS_ZONES)]);

/** The IANA zone to compute with, or undefined when Graph would refuse the name. */
export function supportedZone(timeZone: string): string | undefined {
  return SUPPORTED.get(timeZone);
}

/** Graph's error for a time zone it does not support (status, code, message). */
export function timeZoneRefusal(timeZone: string): { status: 400; code: 'TimeZoneNotSupportedException'; message: string } {
  return {
    status: 400,
    code: 'TimeZoneNotSupportedException',
    message: `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`,
  };
}

/** The first start/end of an event body whose time zone Graph would refuse. */
export function refusedTimeZone(body: { start?: { timeZone?: unknown }; end?: { timeZone?: unknown } } | undefined): string | undefined {
  for (const v of [body?.start, body?.end]) {
    if (v === undefined) continue;
    const zone = typeof v.timeZone === 'string' ? v.timeZone : String(v.timeZone);
    if (!supportedZone(zone)) return zone;
  }
  return undefined;
}
