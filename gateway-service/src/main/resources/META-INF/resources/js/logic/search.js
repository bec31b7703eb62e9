// Message search as the client shows it: what may be asked, the words to highlight, a snippet around the first match,
// and pages of results put together. Pure: strings and plain objects; no DOM. Words are matched as the server's
// search matches them (runs of letters and digits, any case, every word of the query, the last also as a prefix).
// Highlighting yields parts ({text, match}) that the view turns into text nodes and <mark>s, so no message text is
// ever parsed as markup.

/** The server refuses a query over this many characters, or with more words than this. */
export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_MAX_WORDS = 8;
/** Results per page; the server pages no deeper than this offset. */
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_OFFSET = 1000;
/** A snippet shows about this many characters of a long message. */
export const SNIPPET_LENGTH = 140;

/** Words as the server reads them: runs of letters and digits; everything else separates them. */
const WORD = /[\p{L}\p{N}]+/gu;

function lower(word) {
  return word.toLocaleLowerCase('und');
}

/** The words of a query as the server matches them: lower case, each once, in order. */
export function searchWords(query) {
  return [...new Set((String(query ?? '').match(WORD) ?? []).map(lower))];
}

/** Why a query cannot be sent (a sentence), or null when it can. */
export function searchQueryProblem(text) {
  const query = String(text ?? '').trim();
  if (query === '') {
    return 'Type something to search for.';
  }
  if ([...query].length > SEARCH_MAX_LENGTH) {
    return `Search for at most ${SEARCH_MAX_LENGTH} characters.`;
  }
  const words = String(query).match(WORD) ?? [];
  if (words.length === 0) {
    return 'Search for a word: letters or digits.';
  }
  if (words.length > SEARCH_MAX_WORDS) {
    return `Search for at most ${SEARCH_MAX_WORDS} words.`;
  }
  return null;
}

/**
 * Whether a word of a message matches the query as the server's search does: it is one of the query's words, or it
 * starts with the last one (a word still being typed, "deplo", finds "deploy").
 */
function matcher(query) {
  const raw = String(query ?? '').match(WORD) ?? [];
  const words = new Set(raw.map(lower));
  const prefix = raw.length ? lower(raw[raw.length - 1]) : null;
  if (prefix === null) {
    return null;
  }
  return (word) => {
    const low = lower(word);
    return words.has(low) || low.startsWith(prefix);
  };
}

/**
 * `text` cut into parts, in order, the words that match the query marked (whole words, in any case): [{text, match}].
 * Joined back together the parts are `text` again. No part of the query is ever made into a pattern.
 */
export function highlightParts(text, query) {
  const source = String(text ?? '');
  if (source === '') {
    return [];
  }
  const matches = matcher(query);
  if (!matches) {
    return [{ text: source, match: false }];
  }
  const parts = [];
  let plain = '';
  let at = 0;
  for (const found of source.matchAll(WORD)) {
    if (!matches(found[0])) {
      continue;
    }
    plain += source.slice(at, found.index);
    if (plain) {
      parts.push({ text: plain, match: false });
      plain = '';
    }
    parts.push({ text: found[0], match: true });
    at = found.index + found[0].length;
  }
  plain += source.slice(at);
  if (plain) {
    parts.push({ text: plain, match: false });
  }
  return parts;
}

/** Where in `text` (code points) the first word matching the query starts; 0 if none does. */
function firstMatchAt(text, query) {
  const matches = matcher(query);
  if (!matches) {
    return 0;
  }
  for (const found of text.matchAll(WORD)) {
    if (matches(found[0])) {
      return [...text.slice(0, found.index)].length;
    }
  }
  return 0;
}

/**
 * A snippet of a message for a result: the whole text if it is short, else about `length` characters around the first
 * word of the query found (at word boundaries where it can), with an ellipsis where it was cut. Line breaks become spaces.
 */
export function snippet(text, query, length = SNIPPET_LENGTH) {
  const flat = String(text ?? '').replace(/\s+/gu, ' ').trim();
  const chars = [...flat];
  if (chars.length <= length) {
    return flat;
  }
  // Code point positions, so a cut never splits an emoji.
  const matchAt = firstMatchAt(flat, query);
  let start = Math.max(0, matchAt - Math.floor(length / 3));
  let end = Math.min(chars.length, start + length);
  start = Math.max(0, end - length);
  if (start > 0) {
    const space = chars.indexOf(' ', start);
    if (space !== -1 && space < matchAt && space - start < 20) {
      start = space + 1;
    }
  }
  if (end < chars.length) {
    const space = chars.lastIndexOf(' ', end);
    if (space > Math.max(start, matchAt) && end - space < 20) {
      end = space;
    }
  }
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('').trim()}${end < chars.length ? '…' : ''}`;
}

/** The key of a result: a message is one seq of one room. */
export function resultKey(message) {
  return `${message.roomId}:${message.seq}`;
}

/**
 * Results so far with a new page after them: each message once (a message ranked again on a later page, after new
 * messages moved the ranking, stays where it was first shown), and whether there is more (not past the deepest offset
 * the server pages to), and from which offset.
 */
export function appendResults(results, page, offset, limit = SEARCH_PAGE_SIZE) {
  const seen = new Set(results.messages.map(resultKey));
  const messages = [...results.messages];
  for (const message of page.messages ?? []) {
    const key = resultKey(message);
    if (!seen.has(key)) {
      seen.add(key);
      messages.push(message);
    }
  }
  const nextOffset = offset + limit;
  return { messages, hasMore: Boolean(page.hasMore) && nextOffset <= SEARCH_MAX_OFFSET, nextOffset };
}

/** No results yet. */
export function noResults() {
  return { messages: [], hasMore: false, nextOffset: 0 };
}
