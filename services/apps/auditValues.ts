import type { DirectoryAudit, TargetResource } from '@microsoft/microsoft-graph-types';

/** Audit values are JSON text: "\"Exchange.ManageAsApp\"" or "[\"<appId>\"]" → the string inside. */
export function unquote(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'string') return parsed;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string') return parsed[0];
  } catch {
    // not JSON: the value is the text itself
  }
  return text;
}

/** A modified property's new value on one target, unquoted; "" when absent. */
export function targetProperty(target: TargetResource | undefined, name: string): string {
  return unquote((target?.modifiedProperties ?? []).find((p) => p.displayName === name)?.newValue);
}

/** The first target of the record that carries the property, unquoted; "" when none does. */
export function eventProperty(event: DirectoryAudit, name: string): string {
  for (const target of event.targetResources ?? []) {
    const value = targetProperty(target, name);
    if (value) return value;
  }
  return '';
}
