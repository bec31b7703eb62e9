// Small facts about messages: the id a send carries, and what a refused send tells the person. Pure: randomness
// and time are passed in (defaults: crypto.getRandomValues, Date.now); no DOM.

function randomBytes(count) {
  return crypto.getRandomValues(new Uint8Array(count));
}

/** A client message id: unique, printable ASCII, made without crypto.randomUUID (absent on plain-http LAN pages). */
export function newClientMsgId(bytes = randomBytes, now = Date.now) {
  return `c${now().toString(36)}-${[...bytes(12)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** What a send refused with an `error` frame shows under the message. */
export function sendErrorText(code, message) {
  switch (code) {
    case 'rate_limited':
      return 'Too many messages at once. Wait a moment, then retry.';
    case 'service_unavailable':
      return 'The server is busy. Retry in a moment.';
    case 'not_a_member':
      return 'You are not a member of this room.';
    case 'validation_failed':
      return message || 'This message cannot be sent.';
    default:
      return message || 'Not sent.';
  }
}
