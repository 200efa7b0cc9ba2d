/**
 * CSV for spreadsheets (RFC 4180), safe to open in Excel, LibreOffice or Google Sheets.
 *
 * Every cell is quoted, with quotes doubled, so commas and line breaks stay inside their cell.
 * A cell that starts with = + - @, a tab or a carriage return could be run as a formula by a
 * spreadsheet ("CSV injection"): such a cell gets a leading apostrophe, which spreadsheets show
 * as text. Booking answers are typed by anyone, so every cell goes through this.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a spreadsheet will show for `value`: unchanged, or with a leading apostrophe. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  return `"${neutralise(value).replaceAll('"', '""')}"`;
}

/** Rows as CSV text, lines ended by CRLF as RFC 4180 says. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/** Reads CSV back (quoted or bare cells, CRLF or LF lines): for tests and checks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i += 1;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
