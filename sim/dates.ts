const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Moves one ISO-8601 date-time by whole seconds, keeping its zone designator and fractional digits
 * so that a value copied from Microsoft's docs keeps its exact shape. In a fixed offset the wall
 * clock moves by the same amount as the instant, so the offset itself never needs converting.
 */
export function shiftDateTime(value: string, deltaSeconds: number): string {
  const m = ISO_DATE_TIME.exec(value);
  // Year 0001 is .NET's DateTime.MinValue, which Graph writes for "never" (signInActivity in Microsoft's example).
  if (!m || m[1] === '0001') return value;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const shifted = new Date(wallMs + deltaSeconds * 1000);
  if (Number.isNaN(shifted.getTime())) return value;
  const date = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  return `${date}T${time}${fraction ?? ''}${zone ?? ''}`;
}

export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value);
}

/** Returns a deep copy of `value` with every ISO-8601 date-time string moved by `deltaSeconds`. */
export function shiftAllDateTimes<T>(value: T, deltaSeconds: number): T {
  if (typeof value === 'string') return (ISO_DATE_TIME.test(value) ? shiftDateTime(value, deltaSeconds) : value) as T;
  if (Array.isArray(value)) return value.map((item) => shiftAllDateTimes(item, deltaSeconds)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = shiftAllDateTimes(item, deltaSeconds);
    return out as T;
  }
  return value;
}

/**
 * A scenario document without its `now`, its dates anchored: with `now` set, every ISO-8601 date-time
 * moves by (real now - now), so "created 3 days ago" stays 3 days ago whenever it is loaded.
 */
export function anchoredToNow<T extends { now?: string }>(doc: T, realNow: Date): Omit<T, 'now'> {
  const { now, ...rest } = doc;
  return now === undefined ? rest : shiftAllDateTimes(rest, Math.round((realNow.getTime() - Date.parse(now)) / 1000));
}

/** Parses an ISO date-time; a value without a zone is read as UTC (as Exchange writes CreationTime). */
export function parseIsoDateTime(value: string): number {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return Number.NaN;
  return Date.parse(m[8] ? value : `${value}Z`);
}
