// A room's settings (its owner's): topic, retention and system lines. What the settings form starts from, the PATCH
// its values make (only what changed), the server's field errors put back on the form's fields, a `room` updated
// frame applied to the room, and retention said in words. Pure: plain objects and strings; no DOM.

export const TOPIC_MAX_LENGTH = 256;
export const MAX_AGE_DAYS = Object.freeze({ min: 1, max: 3650 });
export const MAX_MESSAGES = Object.freeze({ min: 10, max: 10_000_000 });

/** The form's starting values: strings for the inputs ('' for "no limit"), a boolean for the checkbox. */
export function settingsValues(room) {
  return {
    topic: room.topic ?? '',
    maxAgeDays: room.retention?.maxAgeDays != null ? String(room.retention.maxAgeDays) : '',
    maxMessages: room.retention?.maxMessages != null ? String(room.retention.maxMessages) : '',
    systemLines: room.systemLines === true,
  };
}

/** A limit's input as a number: null when empty, undefined when it is not a whole number in range. */
function limitOf(text, { min, max }) {
  const value = String(text ?? '').trim().replace(/[\s,_’']/gu, '');
  if (value === '') {
    return null;
  }
  if (!/^\d+$/u.test(value)) {
    return undefined;
  }
  const number = Number(value);
  return number >= min && number <= max ? number : undefined;
}

/**
 * What the form's values ask of the server: {patch, errors}. `errors` (field -> sentence) is empty when the values are
 * fine; `patch` then has only what differs from the room (`retention` whole, or null for none); an empty patch means
 * nothing to save.
 */
export function settingsPatch(room, values) {
  const errors = {};
  const topic = String(values.topic ?? '').trim();
  if ([...topic].length > TOPIC_MAX_LENGTH) {
    errors.topic = `At most ${TOPIC_MAX_LENGTH} characters.`;
  }
  const maxAgeDays = limitOf(values.maxAgeDays, MAX_AGE_DAYS);
  if (maxAgeDays === undefined) {
    errors.maxAgeDays = `A whole number of days from ${MAX_AGE_DAYS.min} to ${MAX_AGE_DAYS.max}, or empty to keep them.`;
  }
  const maxMessages = limitOf(values.maxMessages, MAX_MESSAGES);
  if (maxMessages === undefined) {
    errors.maxMessages = `A whole number from ${MAX_MESSAGES.min} to ${MAX_MESSAGES.max.toLocaleString('en')}, or empty for no limit.`;
  }
  if (Object.keys(errors).length > 0) {
    return { patch: {}, errors };
  }
  const patch = {};
  if (topic !== (room.topic ?? '')) {
    patch.topic = topic;
  }
  const before = room.retention ?? {};
  if (maxAgeDays !== (before.maxAgeDays ?? null) || maxMessages !== (before.maxMessages ?? null)) {
    patch.retention = maxAgeDays === null && maxMessages === null ? null : { maxAgeDays, maxMessages };
  }
  if (Boolean(values.systemLines) !== (room.systemLines === true)) {
    patch.systemLines = Boolean(values.systemLines);
  }
  return { patch, errors };
}

/**
 * The form field a server error names ("topic", "retention.maxAgeDays", "maxMessages", "systemLines" ...), or
 * 'form' for one no field of the form shows.
 */
export function settingsFieldOf(serverField) {
  const name = String(serverField ?? '').split(/[.[\]]/u).filter(Boolean).pop() ?? '';
  return ['topic', 'maxAgeDays', 'maxMessages', 'systemLines'].includes(name) ? name : 'form';
}

/** The server's errors ({field: message}) as the form's ({formField: message}); several for one field are joined. */
export function settingsErrors(serverErrors) {
  const errors = {};
  for (const [field, message] of Object.entries(serverErrors ?? {})) {
    const key = settingsFieldOf(field);
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}

function retentionOf(value) {
  if (!value || typeof value !== 'object') {
    return null;
  }
  const retention = {};
  if (Number.isInteger(value.maxAgeDays)) {
    retention.maxAgeDays = value.maxAgeDays;
  }
  if (Number.isInteger(value.maxMessages)) {
    retention.maxMessages = value.maxMessages;
  }
  return Object.keys(retention).length ? retention : null;
}

/**
 * A `room` frame with event `updated` (or a PATCH's answer) applied to a room: the frame carries the room's settings
 * as they now are, so a topic or retention it leaves out is none. Returns the new room.
 */
export function applyRoomSettings(room, update) {
  const next = { ...room };
  next.topic = typeof update.topic === 'string' && update.topic !== '' ? update.topic : null;
  next.retention = retentionOf(update.retention);
  if (typeof update.systemLines === 'boolean') {
    next.systemLines = update.systemLines;
  }
  if (Number.isInteger(update.evictedBefore)) {
    next.evictedBefore = update.evictedBefore;
  }
  return next;
}

function days(n) {
  return n === 1 ? '1 day' : `${n.toLocaleString('en')} days`;
}

/** The room's retention in a sentence ("Messages older than 30 days are removed."), or '' when it keeps everything. */
export function retentionText(retention) {
  const age = retention?.maxAgeDays;
  const count = retention?.maxMessages;
  if (age && count) {
    return `Messages older than ${days(age)}, and all but the newest ${count.toLocaleString('en')}, are removed.`;
  }
  if (age) {
    return `Messages older than ${days(age)} are removed.`;
  }
  if (count) {
    return `Only the newest ${count.toLocaleString('en')} messages are kept.`;
  }
  return '';
}
