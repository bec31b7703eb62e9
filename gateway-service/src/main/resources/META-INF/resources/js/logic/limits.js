// The server's limits, as the `welcome` frame tells them ({limits: {maxTextLength, maxAttachmentBytes, ...}}). Pure: no DOM.

/** The longest message text in characters, for a server that does not say. The only place the client writes it. */
const FALLBACK_MAX_TEXT_LENGTH = 4000;
/** The largest image upload in bytes (5 MiB), for a server that does not say. */
const FALLBACK_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** The most images one message carries, for a server that does not say. */
const FALLBACK_MAX_ATTACHMENTS_PER_MESSAGE = 10;

function positiveInteger(value, fallback) {
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The limits the client applies, from a welcome's `limits` (absent or partial: the fallback for what is missing). */
export function limitsFrom(limits) {
  return {
    maxTextLength: positiveInteger(limits?.maxTextLength, FALLBACK_MAX_TEXT_LENGTH),
    maxAttachmentBytes: positiveInteger(limits?.maxAttachmentBytes, FALLBACK_MAX_ATTACHMENT_BYTES),
    maxAttachmentsPerMessage: positiveInteger(limits?.maxAttachmentsPerMessage, FALLBACK_MAX_ATTACHMENTS_PER_MESSAGE),
  };
}

/** Text worth sending: not blank, and at most maxTextLength characters (code points, as the server counts them). */
export function isSendableText(text, limits) {
  return text.trim() !== '' && [...text].length <= limits.maxTextLength;
}
