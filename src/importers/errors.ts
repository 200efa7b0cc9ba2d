/**
 * Every failure of an importer is an `ImportError` with a stable `code`, so the vault can show a
 * clear message and the CLI can print it, without parsing English text. Nothing else is ever
 * thrown from `importFile`: an unexpected failure inside a parser becomes `internal_error`.
 */

/** Stable error codes. Add new codes; never rename or reuse one. */
export type ImportErrorCode =
  /** The file is empty. */
  | 'file_empty'
  /** The file could not be read (removed, no permission, a device error). */
  | 'file_unreadable'
  /** The file is larger than the limit for its format. */
  | 'file_too_large'
  /** The file is none of the formats Mosaic reads. */
  | 'unrecognised_format'
  /** A WhatsApp export whose timestamps are in a language or form not yet known. */
  | 'whatsapp_unknown_language'
  /** A WhatsApp file with no message in it. */
  | 'whatsapp_no_messages'
  /** The XML is not well-formed (the details give the line and column). */
  | 'xml_malformed'
  /** Well-formed XML that is not an SMS Backup & Restore messages or call log file. */
  | 'xml_unknown_root'
  /** The JSON does not parse. */
  | 'json_malformed'
  /** JSON that parses but is not a Facebook, Instagram or Telegram export. */
  | 'json_unknown_shape'
  /** The zip archive cannot be read. */
  | 'zip_malformed'
  /** The zip archive holds no chat or conversation Mosaic reads. */
  | 'zip_no_chat'
  /**
   * The zip archive lists an entry no export has: a name outside its folder, an absolute path, a
   * backslash, a symbolic link, or a name given twice (details: entry, reason).
   */
  | 'zip_unsafe'
  /** An email or mailbox that cannot be read as email. */
  | 'email_malformed'
  /** The time zone is not a known IANA zone. */
  | 'time_zone_invalid'
  /** The import was cancelled through its AbortSignal. */
  | 'cancelled'
  /** A defect in Mosaic, not in the file; the message says what failed. */
  | 'internal_error';

/** Extra facts for the UI and the CLI, e.g. `{ line: 12, column: 4 }`. */
export type ImportErrorDetails = Readonly<Record<string, string | number>>;

/** Messages shown to the person; they are also the default `message` of each error. */
export const IMPORT_ERROR_MESSAGES: Readonly<Record<ImportErrorCode, string>> = {
  file_empty: 'this file is empty',
  file_unreadable: 'this file could not be read',
  file_too_large: 'this file is too large to import here',
  unrecognised_format:
    'this is not an export Mosaic can read (WhatsApp, SMS Backup & Restore, email, Facebook, Instagram or Telegram)',
  whatsapp_unknown_language:
    'this looks like a WhatsApp export in a language we have not seen — please tell us',
  whatsapp_no_messages: 'this WhatsApp export has no messages in it',
  xml_malformed: 'this XML file is damaged and cannot be read',
  xml_unknown_root: 'this XML file is not an SMS Backup & Restore backup of messages or calls',
  json_malformed: 'this JSON file is damaged and cannot be read',
  json_unknown_shape: 'this JSON file is not a Facebook, Instagram or Telegram export',
  zip_malformed: 'this zip file is damaged and cannot be read',
  zip_no_chat: 'this zip file holds no chat that Mosaic can read',
  zip_unsafe: 'this zip file has been changed in a way no export is, so Mosaic will not open it',
  email_malformed: 'this email file cannot be read',
  time_zone_invalid: 'that time zone is not known',
  cancelled: 'the import was cancelled',
  internal_error: 'something went wrong reading this file',
};

/**
 * The one error type the importers throw.
 *
 * @example
 * try {
 *   result = await importFile(bytes, { fileName });
 * } catch (e) {
 *   if (isImportError(e, 'whatsapp_unknown_language')) askForASample();
 * }
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;
  readonly details: ImportErrorDetails | undefined;

  constructor(code: ImportErrorCode, message?: string, details?: ImportErrorDetails) {
    super(message ?? IMPORT_ERROR_MESSAGES[code]);
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is an ImportError, optionally with the given code. */
export function isImportError(e: unknown, code?: ImportErrorCode): e is ImportError {
  return e instanceof ImportError && (code === undefined || e.code === code);
}

/** Turns anything thrown into an ImportError, keeping ImportErrors as they are. */
export function asImportError(e: unknown): ImportError {
  if (e instanceof ImportError) return e;
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new ImportError('internal_error', `${IMPORT_ERROR_MESSAGES.internal_error} (${what})`);
}
