/**
 * The one `format()` for every catalogue (public pages and the vault app): fills `{name}` slots
 * and leaves an unknown one as it is, so a mistake shows on the page instead of vanishing.
 *
 * @example format('Call {phone}.', { phone: '999' }) // 'Call 999.'
 */
export function format(
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in values ? String(values[name]) : slot,
  );
}
