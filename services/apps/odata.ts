/** An OData string literal: single quotes doubled, so a hostile name cannot break out of the filter. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}
