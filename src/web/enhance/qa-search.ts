// Instant search on the questions page: filters and orders the answers already on the page as
// the person types. Without JavaScript the same form searches on the server (?q=).
import { isLocale } from '../../domain/locales.js';
import { createQaIndex } from '../search/qa-search.js';

const form = document.querySelector<HTMLFormElement>('form[data-qa-search]');
const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
const list = document.querySelector<HTMLElement>('[data-qa-list]');
const status = document.querySelector<HTMLElement>('[data-qa-status]');
const lang = document.documentElement.lang.slice(0, 2);

// A page already filtered by the server holds only its matches: let its form search again there.
if (form && input && list && status && !form.hasAttribute('data-filtered') && isLocale(lang)) {
  const sections = [...list.querySelectorAll<HTMLElement>('[data-qa]')];
  const index = createQaIndex(
    sections.map((s) => ({
      id: s.dataset.qa ?? '',
      question: s.querySelector('h2')?.textContent ?? '',
      answer: [...s.children]
        .slice(1)
        .map((c) => c.textContent)
        .join(' '),
    })),
    lang,
  );
  const text = {
    results: form.dataset.textResults ?? '',
    one: form.dataset.textResultsOne ?? '',
    none: form.dataset.textNone ?? '',
  };
  let timer: ReturnType<typeof setTimeout> | undefined;

  const apply = (): void => {
    const query = input.value.trim();
    if (query === '') {
      for (const s of sections) {
        s.hidden = false;
        list.append(s);
      }
      status.textContent = '';
      return;
    }
    const ids = index.search(query);
    const byId = new Map(sections.map((s) => [s.dataset.qa, s]));
    for (const s of sections) s.hidden = true;
    for (const id of ids) {
      const s = byId.get(id);
      if (!s) continue;
      s.hidden = false;
      list.append(s); // appended in rank order: best first
    }
    const template = ids.length === 0 ? text.none : ids.length === 1 ? text.one : text.results;
    status.textContent = template.replace('{n}', String(ids.length)).replace('{q}', query);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    apply();
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
}
