/**
 * Machine-written timestamps (metadata, feeds): ISO 8601 in its loose forms ("2015-03-23 08:06
 * +07:00", "2012-12-23T14:02+07:00", "2019-04-28 06:01:07") and RFC 822 dates, in English or
 * with other languages' day and month abbreviations ("Seg, 24 Set 2018 19:42:40 -0300"). The date
 * and time are kept as written (the page's own clock): a Vietnamese article published at 00:30
 * +07:00 is dated that day, not the day before in UTC. `inTimeZone` reads a zoned one on the
 * clock of a given place instead.
 */
export interface Timestamp {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, when written. */
  time?: string;
  /** Offset as written (+07:00, Z), when given. */
  zone?: string;
  /** Milliseconds since the epoch when the offset is known (or assumed UTC), for ordering. */
  ms: number;
}

const MONTHS: Record<string, number> = {};
[
  ['jan', 'janv', 'ene', 'gen', 'januar', 'januari', 'janeiro', 'enero', 'janvier', 'gennaio'],
  ['feb', 'fev', 'fév', 'févr', 'februar', 'februari', 'fevereiro', 'febrero', 'février', 'febbraio'],
  ['mar', 'mär', 'märz', 'maret', 'março', 'marzo', 'mars'],
  ['apr', 'abr', 'avr', 'april', 'abril', 'avril', 'aprile'],
  ['may', 'mai', 'mei', 'maio', 'mayo', 'maggio', 'mag'],
  ['jun', 'juin', 'juni', 'junho', 'junio', 'giugno', 'giu'],
  ['jul', 'juil', 'juli', 'julho', 'julio', 'juillet', 'luglio', 'lug'],
  ['aug', 'ago', 'août', 'agosto', 'agustus', 'augusti'],
  ['sep', 'sept', 'set', 'september', 'setembro', 'septiembre', 'septembre', 'settembre'],
  ['oct', 'okt', 'out', 'october', 'oktober', 'outubro', 'octubre', 'octobre', 'ottobre', 'ott'],
  ['nov', 'november', 'novembro', 'noviembre', 'novembre', 'nop'],
  ['dec', 'dez', 'dic', 'déc', 'des', 'december', 'dezember', 'dezembro', 'diciembre', 'décembre', 'dicembre'],
].forEach((list, i) => {
  for (const name of list) MONTHS[name] = i + 1;
});

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number, h = 0, min = 0): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || h > 23 || min > 59) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(z|gmt|ut|utc)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function build(y: number, mo: number, d: number, h: number | undefined, mi: number | undefined, sec: number, zone: string | undefined): Timestamp | null {
  if (!valid(y, mo, d, h ?? 0, mi ?? 0)) return null;
  const ms = Date.UTC(y, mo - 1, d, h ?? 0, mi ?? 0, sec) - offsetMinutes(zone) * 60_000;
  return {
    date: `${y}-${pad(mo)}-${pad(d)}`,
    ...(h !== undefined ? { time: `${pad(h)}:${pad(mi ?? 0)}` } : {}),
    ...(zone ? { zone: zone.toUpperCase() === 'Z' ? 'Z' : zone } : {}),
    ms,
  };
}

export function parseTimestamp(input: string): Timestamp | null {
  const s = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC)?\b/i.exec(s);
  if (iso) {
    return build(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      iso[4] === undefined ? undefined : Number(iso[4]),
      iso[5] === undefined ? undefined : Number(iso[5]),
      Number(iso[6] ?? 0),
      iso[7],
    );
  }
  // .NET's en-US form in some feeds: "10/2/2026 9:25:00 AM" (month first, as AM/PM says).
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)\b/i.exec(s);
  if (us) {
    let h = Number(us[4]) % 12;
    if ((us[7] as string).toUpperCase() === 'PM') h += 12;
    const [a, b] = [Number(us[1]), Number(us[2])];
    const [mo, d] = a > 12 ? [b, a] : [a, b];
    return build(Number(us[3]), mo, d, h, Number(us[5]), Number(us[6] ?? 0), undefined);
  }
  // RFC 822 and its relatives: "Wed, 26 Jul 2017 19:55:20 +0700", "24 Set 2018 19:42:40 -0300".
  const rfc = /(\d{1,2})\s+([\p{L}.]{3,10})\.?,?\s+(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC|UT)?/iu.exec(s);
  if (rfc) {
    const month = MONTHS[(rfc[2] as string).toLowerCase().replace(/\.$/, '')];
    if (month) {
      const yy = Number(rfc[3]);
      const y = (rfc[3] as string).length === 2 ? (yy < 70 ? 2000 + yy : 1900 + yy) : yy;
      return build(
        y,
        month,
        Number(rfc[1]),
        rfc[4] === undefined ? undefined : Number(rfc[4]),
        rfc[5] === undefined ? undefined : Number(rfc[5]),
        Number(rfc[6] ?? 0),
        rfc[7],
      );
    }
  }
  // "Tue, 03 Jan 2023" without time, or "January 3, 2023": leave to Date.parse, read in UTC.
  const t = Date.parse(s);
  if (!Number.isNaN(t) && /\d{4}/.test(s)) {
    const d = new Date(t);
    return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), undefined, undefined, 0, undefined);
  }
  return null;
}

const CLOCKS = new Map<string, Intl.DateTimeFormat>();

/**
 * A timestamp written with its zone (or in UTC, "Z") as the clock of `timeZone` reads it:
 * "2025-06-16T22:15:00+00:00" is 2025-06-17 05:15 in Asia/Ho_Chi_Minh. A timestamp without a
 * zone, or without a time of day, is a date as the page means it and stays as written.
 */
export function inTimeZone(t: Timestamp, timeZone: string): Timestamp {
  if (!t.zone || t.time === undefined) return t;
  let clock = CLOCKS.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    CLOCKS.set(timeZone, clock);
  }
  const parts = Object.fromEntries(clock.formatToParts(new Date(t.ms)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, zone: t.zone, ms: t.ms };
}
