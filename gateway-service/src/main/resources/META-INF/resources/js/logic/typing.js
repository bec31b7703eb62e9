// Who is typing: when to tell others, when a notice has run out, and the line that shows it. Pure: times are
// passed in; no DOM.

/** Typing notices go out at most this often per room (the server forwards at most one per 2 s anyway). */
export const TYPING_EVERY_MS = 2_500;
/** How long a typing notice shows without a new one. */
export const TYPING_SHOWS_MS = 4_000;

/** How long to wait before the next typing notice may go out (0 or less: now), given when the last one went. */
export function typingWait(lastSentAt, now, everyMs = TYPING_EVERY_MS) {
  return (lastSentAt ?? 0) + everyMs - now;
}

/** Removes the notices of a room that have run out (Map userId -> {username, until}); true if any did. */
export function expireTyping(entries, now) {
  let changed = false;
  for (const [userId, entry] of entries) {
    if (entry.until <= now) {
      entries.delete(userId);
      changed = true;
    }
  }
  return changed;
}

/** The line under the log for the names of those typing ('' for nobody). */
export function typingText(names) {
  if (names.length === 1) {
    return `${names[0]} is typing…`;
  }
  if (names.length === 2) {
    return `${names[0]} and ${names[1]} are typing…`;
  }
  if (names.length > 2) {
    return 'Several people are typing…';
  }
  return '';
}
