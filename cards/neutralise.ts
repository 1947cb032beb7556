// View strings come from the tenant and may be written by an attacker. Templates put them only in
// TextRuns, which render no markdown, but three things still get through a TextRun:
// - line breaks, which let a name fake extra lines (a "verified" line, another app's row);
// - bidirectional overrides and control characters, which reorder or hide what the admin reads;
// - "${", which the card check treats as a template expression left unexpanded. A word joiner
//   (U+2060, invisible) between "$" and "{" keeps the text looking the same without matching.

const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
const HIDDEN_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g;
const TEMPLATE_START = /\$\{/g;

function neutraliseText(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(HIDDEN_CONTROLS, '\ufffd')
    .replace(TEMPLATE_START, '$\u2060{');
}

function neutraliseValue(value: unknown): unknown {
  if (typeof value === 'string') return neutraliseText(value);
  if (Array.isArray(value)) return value.map(neutraliseValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, neutraliseValue(item)]));
  }
  return value;
}

export function neutraliseView<View extends object>(view: View): View {
  return neutraliseValue(view) as View;
}
