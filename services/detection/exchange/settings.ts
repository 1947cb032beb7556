import type { ObjectHistory } from '../../exchange/history';

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join(', ');
  return String(value);
}

/**
 * What the object is set to: today's configuration when it exists, otherwise its creation
 * parameters with later Set- changes applied, as the audit records tell them.
 */
export function settingsOf(history: ObjectHistory): Record<string, string> {
  if (history.live) return Object.fromEntries(Object.entries(history.live).map(([key, value]) => [key, asText(value)]));
  const settings: Record<string, string> = {};
  for (const change of history.changes) {
    if (change.verb === 'New' || change.verb === 'Set') Object.assign(settings, change.parameters);
  }
  return settings;
}

export function isTrue(value: string | undefined): boolean {
  return /^(true|\$true|1)$/i.test((value ?? '').trim());
}
