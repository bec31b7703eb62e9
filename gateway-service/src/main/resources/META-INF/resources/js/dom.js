// DOM helpers. Every piece of user content (names, topics, message text) reaches the page as a text node
// through these helpers; nothing here ever parses a string as HTML.

/**
 * Creates an element. `attrs` holds attributes, `on<Event>` listeners, `class`, `testid` (data-testid) and
 * `dataset`; children may be nodes, strings, numbers, arrays, or null/false (skipped). Strings become text.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'testid') {
      el.dataset.testid = value;
    } else if (key === 'dataset') {
      for (const [name, v] of Object.entries(value)) {
        if (v !== undefined && v !== null) {
          el.dataset[name] = String(v);
        }
      }
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children as {@link h} does. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces all children. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let idCounter = 0;

/** A document-unique id, for label/aria wiring. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** Short time for the log: the clock for today, with the date otherwise. */
export function shortTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const today = new Date();
  return date.toDateString() === today.toDateString() ? timeFormat.format(date) : dateTimeFormat.format(date);
}

export function fullTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : fullFormat.format(date);
}

/** A stable pastel hue per name, so people are recognisable at a glance. */
export function hueOf(name) {
  let hash = 0;
  for (const ch of String(name)) {
    hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  }
  return hash % 360;
}

/** The initial(s) shown in an avatar. */
export function initialsOf(name) {
  const clean = String(name ?? '?').replace(/[^\p{L}\p{N}]/gu, '');
  return (clean.slice(0, 2) || '?').toUpperCase();
}

/** A small round avatar with initials; its colour is set through a class-free custom property. */
export function avatar(name, extraClass = '') {
  const el = h('span', { class: `avatar ${extraClass}`.trim(), 'aria-hidden': 'true' }, initialsOf(name));
  el.style.setProperty('--hue', String(hueOf(name)));
  return el;
}

/** A presence dot. `online` undefined means unknown (shown as offline, but marked so). */
export function presenceDot(online) {
  return h('span', {
    class: `presence-dot ${online ? 'is-online' : ''}`,
    testid: 'presence-dot',
    dataset: { online: online ? 'true' : 'false' },
    role: 'img',
    'aria-label': online ? 'online' : 'offline',
  });
}

/** Opens a modal dialog built by `build(close)`; removes it from the page when it closes (Escape included). */
export function openDialog({ title, testid, build, onClose }) {
  const titleId = uid('dialog-title');
  const dialog = h('dialog', { class: 'dialog', testid, 'aria-labelledby': titleId });
  const close = () => {
    if (dialog.open) {
      dialog.close();
    }
  };
  dialog.append(
    h('div', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', onClick: close }, '\u2715')),
    build(close));
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
  });
  // A click on the backdrop (the dialog element itself, outside its content box) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) {
      const rect = dialog.getBoundingClientRect();
      const inside = event.clientX >= rect.left && event.clientX <= rect.right && event.clientY >= rect.top && event.clientY <= rect.bottom;
      if (!inside) {
        close();
      }
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  const first = dialog.querySelector('[autofocus], input, textarea, select, .dialog-body button');
  first?.focus();
  return { dialog, close };
}

/** A labelled form field with a slot for its inline error. */
export function field({ label, name, type = 'text', testid, autocomplete, required, maxlength, minlength, value, hint, inputmode }) {
  const id = uid(name);
  const errorId = `${id}-error`;
  const input = h('input', {
    id, name, type, autocomplete, required, maxlength, minlength, inputmode,
    testid, 'aria-describedby': errorId,
  });
  if (value !== undefined) {
    input.value = value;
  }
  const error = h('p', { class: 'field-error', id: errorId, testid: testid ? `${testid}-error` : undefined });
  const wrapper = h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'field-hint' }, hint) : null,
    input,
    error);
  return {
    wrapper,
    input,
    setError(message) {
      error.textContent = message ?? '';
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
    },
  };
}

/**
 * Makes `parent`'s children the elements of `items`, in order, reusing the element of each key: an element
 * that keeps its key keeps its identity, so keyboard focus inside a list survives every update.
 */
export function reconcile(parent, items, keyOf, create, update) {
  const cache = parent.__items ?? new Map();
  const next = new Map();
  let previous = null;
  for (const item of items) {
    const key = keyOf(item);
    let el = cache.get(key);
    if (el) {
      update?.(el, item);
    } else {
      el = create(item);
    }
    next.set(key, el);
    const expected = previous ? previous.nextSibling : parent.firstChild;
    if (expected !== el) {
      if (previous) {
        previous.after(el);
      } else {
        parent.prepend(el);
      }
    }
    previous = el;
  }
  for (const [key, el] of cache) {
    if (!next.has(key)) {
      el.remove();
    }
  }
  parent.__items = next;
}
