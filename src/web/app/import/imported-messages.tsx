/**
 * The messages and calls an imported incident holds, for the incident screen: each with its
 * sender, exact time, the time as the file wrote it, and its text exactly as sent (line breaks
 * kept). The person's own replies, kept as context, say so ("Your reply"). Renders nothing for an
 * incident that was not imported.
 *
 * @example
 * <ImportedMessages incident={record.value} />
 */
import type { ImportedItemRecord, Incident } from '../../../domain/diary/index.js';
import { useApp } from '../shell/context.js';
import { formatZoned } from '../diary/diary-ui.js';
import { format } from '../shell/messages.js';
import { IMPORT_MESSAGES, type ImportMessages } from './messages.js';

/** "1:02:03" or "2:05" for a call's length. */
function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

function callText(m: ImportMessages, item: ImportedItemRecord): string {
  const v = m.view;
  const parts = [v.call[item.direction]];
  if (item.video === true) parts.push(v.video);
  if (item.durationSeconds !== undefined && item.durationSeconds > 0) {
    parts.push(format(v.duration, { time: duration(item.durationSeconds) }));
  }
  return parts.join(', ');
}

export function ImportedMessages({ incident }: { readonly incident: Incident }) {
  const { t, locale } = useApp();
  const imported = incident.imported;
  if (imported === undefined) return null;
  const m = IMPORT_MESSAGES[locale];
  const v = m.view;
  return (
    <section class="imported" aria-labelledby="imported-heading" data-imported="">
      <h2 id="imported-heading">{imported.items.length === 1 ? v.headingOne : v.heading}</h2>
      {imported.localTimeZone !== undefined && (
        <p class="hint">{format(v.zone, { zone: imported.localTimeZone.replace(/_/g, ' ') })}</p>
      )}
      <ol class="imported__list">
        {imported.items.map((item) => (
          <li
            class="imported__item"
            key={item.key}
            data-imported-item=""
            data-own={item.own === true ? '' : undefined}
          >
            <p class="imported__meta">
              {item.own === true ? (
                <span class="tag tag--blue">{v.own}</span>
              ) : (
                <span class="imported__sender">
                  {format(v.from, { sender: item.senderName ?? item.sender })}
                </span>
              )}{' '}
              <time dateTime={item.at}>{formatZoned(t, locale, item.at)}</time>
              {item.deleted === true && (
                <>
                  {' '}
                  <span class="tag">{v.deleted}</span>
                </>
              )}
              {item.edited === true && (
                <>
                  {' '}
                  <span class="tag">{v.edited}</span>
                </>
              )}
            </p>
            {item.subject !== undefined && <p class="imported__subject">{item.subject}</p>}
            {item.kind === 'call' ? (
              <p class="imported__text">{callText(m, item)}</p>
            ) : item.text !== undefined && item.text !== '' ? (
              <p class="imported__text">{item.text}</p>
            ) : (
              (item.attachments ?? []).length === 0 && <p class="hint">{v.noText}</p>
            )}
            {(item.attachments ?? []).map((a, i) => (
              <p class="imported__attachment" key={i}>
                {a.name === '' ? v.attachmentUnnamed : format(v.attachment, { name: a.name })}
                {a.omitted === true && ` ${v.omitted}`}
              </p>
            ))}
            {item.own === true && <p class="hint">{v.ownHint}</p>}
            {item.textTruncated === true && <p class="hint">{v.truncated}</p>}
            {item.original !== undefined && (
              <p class="hint imported__original">
                {format(v.fileTime, { original: item.original })}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
