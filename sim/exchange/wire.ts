import { isGuid } from '../ids';

export type ExchangeObject = Record<string, unknown>;

/**
 * InvokeCommand's JSON answers annotate typed values, as captured from the live service:
 * `X@odata.type: "#Collection(String)"` before arrays, `X@data.type: "System.Guid"` +
 * `X@odata.type: "#Guid"` before GUIDs, `X@data.type: "System.DateTime"` before dates
 * (`2024-04-10T08:56:22.0000000+00:00`; the *UTC twins end in `Z`) and
 * `X@data.type: "System.Int32"` before whole numbers. Strings, booleans and nulls carry none.
 */
const GUID_PROPERTIES = new Set(['Guid', 'ExchangeObjectId', 'ImmutableId', 'DlpPolicyId']);
const DATE_PROPERTIES = new Set([
  'WhenChanged', 'WhenCreated', 'WhenChangedUTC', 'WhenCreatedUTC', 'ActivationDate', 'ExpiryDate', 'UnifiedAuditLogFirstOptInDate',
]);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** .NET's round-trip format with 7 fractional digits, local offset (+00:00 in Exchange Online) or Z. */
export function exchangeDateTime(ms: number, utc: boolean): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}0000`;
  return `${date}T${time}${utc ? 'Z' : '+00:00'}`;
}

function parseDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Adds the base ADObject properties Exchange returns on every object (Id, IsValid, the UTC date twins). */
function withBaseProperties(object: ExchangeObject): ExchangeObject {
  const out: ExchangeObject = { ...object };
  if (out.Id === undefined && typeof out.Identity === 'string') out.Id = out.Identity;
  if (out.IsValid === undefined) out.IsValid = true;
  for (const name of ['WhenChanged', 'WhenCreated']) {
    if (out[name] !== undefined && out[`${name}UTC`] === undefined) out[`${name}UTC`] = out[name];
  }
  return out;
}

function annotate(out: ExchangeObject, name: string, value: unknown): void {
  if (Array.isArray(value)) {
    out[`${name}@odata.type`] = '#Collection(String)';
    out[name] = value;
  } else if (GUID_PROPERTIES.has(name) && isGuid(value)) {
    out[`${name}@data.type`] = 'System.Guid';
    out[`${name}@odata.type`] = '#Guid';
    out[name] = value;
  } else if (DATE_PROPERTIES.has(name) && parseDate(value) !== undefined) {
    out[`${name}@data.type`] = 'System.DateTime';
    out[name] = exchangeDateTime(parseDate(value) as number, name.endsWith('UTC'));
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    out[`${name}@data.type`] = 'System.Int32';
    out[name] = value;
  } else {
    out[name] = value;
  }
}

/** One object as InvokeCommand serialises it; `select` keeps only those properties ($select). */
export function toWire(object: ExchangeObject, select?: readonly string[]): ExchangeObject {
  const full = withBaseProperties(object);
  const names = select
    ? select.map((wanted) => Object.keys(full).find((key) => key.toLowerCase() === wanted.toLowerCase()) ?? wanted)
    : Object.keys(full).filter((key) => !key.includes('@'));
  const out: ExchangeObject = {};
  for (const name of names) annotate(out, name, full[name] ?? null);
  return out;
}
