/**
 * The words WhatsApp writes into exports, per language: day-period markers (AM/PM), media
 * markers, call lines, deleted and edited notices, the encryption notice. Everything is
 * compared after `markerKey` (lower case, invisible marks and special spaces removed), so the
 * tables hold plain text.
 *
 * Languages: English, Welsh, Spanish, French, German, Portuguese, Italian, Dutch, plus the
 * day-period words of Swedish, Japanese, Chinese, Korean, Arabic and Greek. The Welsh strings
 * are our own translation: WhatsApp's interface may not offer Welsh, so they match only if a
 * Welsh export writes the same words. Add a language by adding its words here and a fixture.
 */

const isInvisible = (c: number): boolean =>
  (c >= 0x200b && c <= 0x200f) ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2060 && c <= 0x2069) ||
  c === 0xfeff;
const isSpaceLike = (c: number): boolean =>
  c === 0x20 ||
  c === 0x09 ||
  c === 0xa0 ||
  c === 0x202f ||
  c === 0x2009 ||
  c === 0x0a ||
  c === 0x0d;

/**
 * Lower case, invisible marks removed, every kind of space collapsed to one ASCII space, trimmed.
 * One pass, no regular expression: it runs on most messages.
 */
export function markerKey(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInvisible(c)) continue;
    if (isSpaceLike(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += text.charAt(i);
  }
  return out.toLowerCase();
}

/** Day-period markers, with dots and spaces removed: a.m., a. m., vorm., 午後 … */
export const AM_WORDS: ReadonlySet<string> = new Set([
  'am',
  'a',
  'vorm', // German (older exports)
  'fm', // Swedish, Norwegian, Danish
  '午前', // Japanese
  '上午', // Chinese
  '오전', // Korean
  'ص', // Arabic
  'πμ', // Greek
]);
export const PM_WORDS: ReadonlySet<string> = new Set([
  'pm',
  'p',
  'nachm',
  'em',
  '午後',
  '下午',
  '오후',
  'م',
  'μμ',
]);

/** Android's "<Media omitted>" in each language (the whole message). */
export const MEDIA_OMITTED: ReadonlySet<string> = new Set(
  [
    '<Media omitted>', // en
    "<Cyfryngau wedi'u hepgor>", // cy
    '<Multimedia omitido>', // es
    '<Médias omis>', // fr
    '<Medien ausgeschlossen>', // de
    '<Mídia oculta>', // pt-BR
    '<Multimédia omitido>', // pt-PT
    '<Media omessi>', // it
    '<Media weggelaten>', // nl
  ].map(markerKey),
);

/** iPhone's "image omitted" and friends, with the type they stand for. */
export const IPHONE_OMITTED: ReadonlyMap<string, string> = new Map(
  (
    [
      // en
      ['image omitted', 'image/*'],
      ['video omitted', 'video/*'],
      ['audio omitted', 'audio/*'],
      ['sticker omitted', 'image/webp'],
      ['GIF omitted', 'image/gif'],
      ['document omitted', 'application/octet-stream'],
      ['Contact card omitted', 'text/vcard'],
      // cy
      ["delwedd wedi'i hepgor", 'image/*'],
      ["fideo wedi'i hepgor", 'video/*'],
      ["sain wedi'i hepgor", 'audio/*'],
      ["sticer wedi'i hepgor", 'image/webp'],
      // es
      ['imagen omitida', 'image/*'],
      ['video omitido', 'video/*'],
      ['audio omitido', 'audio/*'],
      ['sticker omitido', 'image/webp'],
      ['GIF omitido', 'image/gif'],
      ['documento omitido', 'application/octet-stream'],
      // fr
      ['image absente', 'image/*'],
      ['vidéo absente', 'video/*'],
      ['audio omis', 'audio/*'],
      ['autocollant omis', 'image/webp'],
      ['GIF retiré', 'image/gif'],
      ['document omis', 'application/octet-stream'],
      // de
      ['Bild weggelassen', 'image/*'],
      ['Video weggelassen', 'video/*'],
      ['Audio weggelassen', 'audio/*'],
      ['Sticker weggelassen', 'image/webp'],
      ['GIF weggelassen', 'image/gif'],
      ['Dokument weggelassen', 'application/octet-stream'],
      // pt
      ['imagem ocultada', 'image/*'],
      ['vídeo omitido', 'video/*'],
      ['áudio ocultado', 'audio/*'],
      ['figurinha omitida', 'image/webp'],
      ['documento ocultado', 'application/octet-stream'],
      // it
      ['immagine omessa', 'image/*'],
      ['video omesso', 'video/*'],
      ['audio omesso', 'audio/*'],
      ['sticker omesso', 'image/webp'],
      ['GIF omessa', 'image/gif'],
      ['documento omesso', 'application/octet-stream'],
      // nl
      ['afbeelding weggelaten', 'image/*'],
      ['video weggelaten', 'video/*'],
      ['audio weggelaten', 'audio/*'],
      ['sticker weggelaten', 'image/webp'],
      ['GIF weggelaten', 'image/gif'],
      ['document weggelaten', 'application/octet-stream'],
    ] as const
  ).map(([k, v]) => [markerKey(k), v]),
);

/** Android's "(file attached)" after a file name, per language. */
export const FILE_ATTACHED: ReadonlySet<string> = new Set(
  [
    '(file attached)',
    "(ffeil wedi'i hatodi)",
    '(archivo adjunto)',
    '(fichier joint)',
    '(Datei angehängt)',
    '(arquivo anexado)',
    '(ficheiro anexado)',
    '(file allegato)',
    '(bestand bijgevoegd)',
  ].map(markerKey),
);

/** A missed call line, per language: the call kind it names. */
export const MISSED_CALLS: ReadonlyMap<string, 'voice' | 'video'> = new Map(
  (
    [
      ['Missed voice call', 'voice'],
      ['Missed video call', 'video'],
      ['Missed group voice call', 'voice'],
      ['Missed group video call', 'video'],
      ['Silenced voice call', 'voice'],
      ['Silenced video call', 'video'],
      ['Galwad llais a gollwyd', 'voice'],
      ['Galwad fideo a gollwyd', 'video'],
      ['Llamada perdida', 'voice'],
      ['Llamada de voz perdida', 'voice'],
      ['Videollamada perdida', 'video'],
      ['Appel vocal manqué', 'voice'],
      ['Appel vidéo manqué', 'video'],
      ['Verpasster Sprachanruf', 'voice'],
      ['Verpasster Videoanruf', 'video'],
      ['Chamada de voz perdida', 'voice'],
      ['Chamada de vídeo perdida', 'video'],
      ['Chiamata vocale persa', 'voice'],
      ['Videochiamata persa', 'video'],
      ['Gemiste spraakoproep', 'voice'],
      ['Gemiste video-oproep', 'video'],
    ] as const
  ).map(([k, v]) => [markerKey(k), v]),
);

/** An answered call line (iPhone "Voice call, 12 min"), per language. */
export const CALLS: ReadonlyMap<string, 'voice' | 'video'> = new Map(
  (
    [
      ['Voice call', 'voice'],
      ['Video call', 'video'],
      ['Group voice call', 'voice'],
      ['Group video call', 'video'],
      ['Galwad llais', 'voice'],
      ['Galwad fideo', 'video'],
      ['Llamada de voz', 'voice'],
      ['Videollamada', 'video'],
      ['Appel vocal', 'voice'],
      ['Appel vidéo', 'video'],
      ['Sprachanruf', 'voice'],
      ['Videoanruf', 'video'],
      ['Chamada de voz', 'voice'],
      ['Chamada de vídeo', 'video'],
      ['Chiamata vocale', 'voice'],
      ['Videochiamata', 'video'],
      ['Spraakoproep', 'voice'],
      ['Video-oproep', 'video'],
    ] as const
  ).map(([k, v]) => [markerKey(k), v]),
);

/** Words after a call line that say nobody answered, or that the callee declined. */
export const CALL_NO_ANSWER: ReadonlySet<string> = new Set(
  [
    'No answer',
    'Dim ateb',
    'Sin respuesta',
    'Pas de réponse',
    'Keine Antwort',
    'Sem resposta',
    'Nessuna risposta',
    'Geen antwoord',
  ].map(markerKey),
);
export const CALL_DECLINED: ReadonlySet<string> = new Set(
  [
    'Declined',
    'Wedi gwrthod',
    'Rechazada',
    'Refusé',
    'Abgelehnt',
    'Recusada',
    'Rifiutata',
    'Geweigerd',
  ].map(markerKey),
);
/** "Tap to call back" and the like, ignored after a call line. */
export const CALL_BACK: ReadonlySet<string> = new Set(
  [
    'Tap to call back',
    'Click to call back',
    'Tapiwch i alw yn ôl',
    'Toca para devolver la llamada',
    'Touchez pour rappeler',
    'Tippen, um zurückzurufen',
    'Toque para retornar',
    'Tocca per richiamare',
    'Tik om terug te bellen',
  ].map(markerKey),
);

/** "This message was deleted" and "You deleted this message", per language. */
export const DELETED: ReadonlySet<string> = new Set(
  [
    'This message was deleted',
    'This message was deleted.',
    'You deleted this message',
    'You deleted this message.',
    'Cafodd y neges hon ei dileu',
    'Dilëwyd y neges hon',
    'Se eliminó este mensaje.',
    'Se eliminó este mensaje',
    'Eliminaste este mensaje.',
    'Eliminaste este mensaje',
    'Ce message a été supprimé',
    'Vous avez supprimé ce message',
    'Diese Nachricht wurde gelöscht.',
    'Diese Nachricht wurde gelöscht',
    'Du hast diese Nachricht gelöscht.',
    'Du hast diese Nachricht gelöscht',
    'Mensagem apagada',
    'Esta mensagem foi apagada',
    'Você apagou esta mensagem',
    'Questo messaggio è stato eliminato',
    'Hai eliminato questo messaggio',
    'Dit bericht is verwijderd',
    'Je hebt dit bericht verwijderd',
  ].map(markerKey),
);

/** The note WhatsApp appends to an edited message, per language. */
export const EDITED_SUFFIXES: readonly string[] = [
  '<This message was edited>',
  '<Cafodd y neges hon ei golygu>',
  '<Se editó este mensaje.>',
  '<Ce message a été modifié>',
  '<Diese Nachricht wurde bearbeitet.>',
  '<Diese Nachricht wurde bearbeitet>',
  '<Mensagem editada>',
  '<Questo messaggio è stato modificato>',
  '<Dit bericht is bewerkt>',
];

/** Words of the end-to-end encryption notice, one of which every language's notice holds. */
export const ENCRYPTION_WORDS: readonly string[] = [
  'end-to-end',
  'pen-i-ben',
  'de extremo a extremo',
  'de bout en bout',
  'ende-zu-ende',
  'ponta a ponta',
  'end-to-end-versleuteld',
];

/** File names WhatsApp gives exports: "WhatsApp Chat with Alex.txt", "_chat.txt" … */
export const CHAT_FILE_NAME_PREFIXES: readonly string[] = [
  'whatsapp chat with ',
  'whatsapp chat - ',
  'sgwrs whatsapp gyda ',
  'chat de whatsapp con ',
  'discussion whatsapp avec ',
  'whatsapp-chat mit ',
  'conversa do whatsapp com ',
  'chat whatsapp con ',
  'whatsapp-chat met ',
];

/** How many leading characters `MARKER_STARTS` holds. */
export const MARKER_START_LENGTH = 4;

/**
 * The first `MARKER_START_LENGTH` characters of `text` as `markerKey` would give them, built
 * without the intermediate strings (this runs on every message).
 */
export function markerStart(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length && out.length < MARKER_START_LENGTH; i++) {
    const c = text.charCodeAt(i);
    if (isInvisible(c)) continue;
    if (isSpaceLike(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text.charAt(i).toLowerCase();
  }
  return out.slice(0, MARKER_START_LENGTH);
}

/**
 * The first letters (lower case) of every marker above, so a message that cannot be a marker
 * is passed over without building its key.
 */
export const MARKER_STARTS: ReadonlySet<string> = new Set(
  [
    ...MEDIA_OMITTED,
    ...IPHONE_OMITTED.keys(),
    ...MISSED_CALLS.keys(),
    ...CALLS.keys(),
    ...DELETED,
  ].map((k) => k.slice(0, MARKER_START_LENGTH)),
);

/** "… document omitted" endings, as written, for "report.pdf • 3 pages document omitted". */
export const DOCUMENT_OMITTED: readonly string[] = [
  'document omitted',
  'documento omitido',
  'document omis',
  'Dokument weggelassen',
  'documento ocultado',
  'documento omesso',
  'document weggelaten',
];
