// Small facts about messages: the id a send carries, and what a refused send tells the person. Pure: randomness
// and time are passed in (defaults: crypto.getRandomValues, Date.now); no DOM.

function randomBytes(count) {
  return crypto.getRandomValues(new Uint8Array(count));
}

/** A client message id: unique, printable ASCII, made without crypto.randomUUID (absent on plain-http LAN pages). */
export function newClientMsgId(bytes = randomBytes, now = Date.now) {
  return `c${now().toString(36)}-${[...bytes(12)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** How many times a send shed as `overloaded` goes again by itself, after the wait the server asked for. */
export const OVERLOAD_RETRIES = 3;

/** The wait before sending again after `overloaded`: what the server asked (1 s if it did not say), plus up to a
 * quarter more so that many clients shed together do not all come back in the same instant. */
export function overloadRetryDelay(retryAfterMs, random = Math.random) {
  const base = Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 1000;
  return Math.round(base * (1 + random() / 4));
}

/** What a send refused with an `error` frame shows under the message. */
export function sendErrorText(code, message) {
  switch (code) {
    case 'rate_limited':
      return 'Too many messages at once. Wait a moment, then retry.';
    case 'service_unavailable':
    case 'overloaded':
      return 'The server is busy. Retry in a moment.';
    case 'not_a_member':
      return 'You are not a member of this room.';
    case 'validation_failed':
      return message || 'This message cannot be sent.';
    default:
      return message || 'Not sent.';
  }
}
