// The server's limits, as the `welcome` frame tells them ({limits: {maxTextLength, ...}}). Pure: no DOM.

/** The longest message text in characters, for a server that does not say. The only place the client writes it. */
const FALLBACK_MAX_TEXT_LENGTH = 4000;

/** The limits the client applies, from a welcome's `limits` (absent or partial: the fallback for what is missing). */
export function limitsFrom(limits) {
  const max = limits?.maxTextLength;
  return {
    maxTextLength: Number.isInteger(max) && max > 0 ? max : FALLBACK_MAX_TEXT_LENGTH,
  };
}

/** Text worth sending: not blank, and at most maxTextLength characters (code points, as the server counts them). */
export function isSendableText(text, limits) {
  return text.trim() !== '' && [...text].length <= limits.maxTextLength;
}
