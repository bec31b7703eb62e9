// Message search: a dialog with a search box (opened from the sidebar, or with Ctrl+K, or / when not typing), the
// results best first (room, sender, time, a snippet with the words found marked), "More results" for the next page,
// and, with a room open, a choice to search that room only. Choosing a result opens its room at that message.
// Keyboard: Down from the box goes to the results; Up, Down, Home and End move between them; Escape closes.

import { ApiError } from '../api.js';
import { field, fullTime, h, openDialog, replaceChildren, shortTime, uid } from '../dom.js';
import {
  appendResults, highlightParts, noResults, resultKey, SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE, searchQueryProblem, snippet,
} from '../logic/search.js';
import { goToRoom } from '../router.js';

/** Typing waits this long for the next key before it searches. */
const TYPING_PAUSE_MS = 300;

/** What was searched last, to start from the next time the dialog opens. */
const last = { text: '', roomOnly: false };

/** `text` with the query's words in <mark>s: text nodes only, whatever the message says. */
function highlighted(text, query) {
  return highlightParts(text, query).map((part) => (part.match ? h('mark', {}, part.text) : part.text));
}

function roomName(room) {
  if (!room) {
    return 'a room';
  }
  return room.kind === 'direct' ? room.name : `#${room.name}`;
}

export function searchDialog({ client, store }) {
  const activeRoom = store.activeRoomId ? store.room(store.activeRoomId) : null;
  openDialog({
    title: 'Search messages',
    testid: 'search-dialog',
    build(close) {
      const search = field({
        label: 'Search for', name: 'q', type: 'search', testid: 'search-input', autocomplete: 'off', maxlength: SEARCH_MAX_LENGTH,
        value: last.text,
      });
      search.input.setAttribute('enterkeyhint', 'search');
      const onlyId = uid('search-room-only');
      const only = activeRoom
        ? h('input', { type: 'checkbox', id: onlyId, testid: 'search-room-only', checked: last.roomOnly })
        : null;
      const status = h('p', { class: 'search-status', role: 'status', testid: 'search-status' });
      const list = h('ul', { class: 'pick-list search-results', testid: 'search-results', 'aria-label': 'Results' });
      const more = h('button', { type: 'button', class: 'button small', testid: 'search-more', hidden: true }, 'More results');
      const form = h('form', { class: 'search-form', novalidate: true },
        search.wrapper,
        only ? h('div', { class: 'check' }, only, h('label', { for: onlyId }, `Only in ${roomName(activeRoom)}`)) : null);

      let results = noResults();
      let query = '';
      let asked = 0;
      let timer = null;

      function scope() {
        return only?.checked ? activeRoom.id : undefined;
      }

      function resultItem(message) {
        const room = store.room(message.roomId);
        const sender = message.sender?.username ?? 'unknown';
        return h('li', {},
          h('button', {
            type: 'button', class: 'pick-button search-result', testid: 'search-result',
            dataset: { roomId: message.roomId, seq: message.seq },
            onClick: () => {
              close();
              client.jumpTo(message.roomId, message.seq);
              goToRoom(message.roomId);
            },
          },
          h('span', { class: 'search-result-meta' },
            h('span', { class: 'search-result-room' }, roomName(room)),
            h('span', { class: 'search-result-sender' }, sender),
            h('time', { datetime: message.createdAt, title: fullTime(message.createdAt) }, shortTime(message.createdAt))),
          h('span', { class: 'search-result-text', testid: 'search-result-text' },
            highlighted(snippet(message.text ?? '', query), query))));
      }

      function render() {
        const items = results.messages.map((message) => {
          const item = resultItem(message);
          item.dataset.key = resultKey(message);
          return item;
        });
        replaceChildren(list, items);
        more.hidden = !results.hasMore;
        const count = results.messages.length;
        status.textContent = count === 0
          ? 'No messages found.'
          : `${count}${results.hasMore ? '+' : ''} ${count === 1 ? 'message' : 'messages'} found.`;
      }

      /** A new search (`fresh`), or the next page of this one. */
      async function run(fresh) {
        const text = search.input.value.trim();
        if (fresh) {
          const problem = text === '' ? null : searchQueryProblem(text);
          search.setError(problem);
          if (text === '' || problem) {
            asked += 1;
            results = noResults();
            replaceChildren(list);
            more.hidden = true;
            status.textContent = '';
            return;
          }
          query = text;
          results = noResults();
          last.text = text;
          last.roomOnly = Boolean(only?.checked);
        }
        const ticket = ++asked;
        const offset = results.nextOffset;
        status.textContent = 'Searching…';
        more.disabled = true;
        try {
          const page = await client.search(query, { roomId: scope(), limit: SEARCH_PAGE_SIZE, offset });
          if (ticket !== asked) {
            return;
          }
          const firstNew = results.messages.length;
          results = appendResults(results, page, offset);
          render();
          if (!fresh) {
            // Keyboard users carry on from the first of the new results.
            list.children[firstNew]?.querySelector('button')?.focus();
          }
        } catch (failure) {
          if (ticket !== asked) {
            return;
          }
          if (failure instanceof ApiError && failure.code === 'validation_failed') {
            search.setError(failure.fields.q ?? failure.friendly);
            status.textContent = '';
          } else {
            status.textContent = failure instanceof ApiError ? failure.friendly : 'The search failed. Please try again.';
          }
        } finally {
          more.disabled = false;
        }
      }

      function resultButtons() {
        return [...list.querySelectorAll('[data-testid=search-result]')];
      }

      search.input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => run(true), TYPING_PAUSE_MS);
      });
      search.input.addEventListener('keydown', (event) => {
        if (event.key === 'ArrowDown' && resultButtons().length) {
          event.preventDefault();
          resultButtons()[0].focus();
        }
      });
      only?.addEventListener('change', () => run(true));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearTimeout(timer);
        run(true);
      });
      more.addEventListener('click', () => run(false));
      list.addEventListener('keydown', (event) => {
        const buttons = resultButtons();
        const index = buttons.indexOf(document.activeElement);
        if (index === -1) {
          return;
        }
        const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
        if (next === undefined) {
          return;
        }
        event.preventDefault();
        if (next < 0) {
          search.input.focus();
        } else {
          buttons[Math.min(next, buttons.length - 1)].focus();
        }
      });
      if (last.text) {
        run(true);
        queueMicrotask(() => search.input.select());
      }
      return h('div', { class: 'dialog-body search-body' }, form, status, list, h('div', { class: 'search-more' }, more));
    },
  });
}
