// Image attachments: what may be uploaded (a first check before the server's own, which knows an image by its bytes),
// what a refused upload tells the person, the send frame that carries uploads, and how an attachment is shown (its
// size in the log, its alt text, its file name). Pure: no DOM, no browser globals.

import { isSendableText } from './limits.js';

/** The types the server takes (it sniffs the bytes; a file's own type is only a hint). */
export const IMAGE_TYPES = Object.freeze(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** The types by name, for people. */
export const IMAGE_TYPE_NAMES = 'PNG, JPEG, GIF or WebP';
/** A thumbnail shows at most this wide and this tall in the log, in CSS pixels (never larger than it is). */
export const THUMBNAIL_BOX_PX = 240;
/** With more than one image in a message, each takes at most this: two side by side in a bubble. */
export const SMALL_THUMBNAIL_BOX_PX = 160;

const UNITS = ['bytes', 'KB', 'MB', 'GB'];

/** A size for people, in binary units as the limit is set: 5242880 is "5 MB", 1536 "1.5 KB", 900 "900 bytes". */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) {
    return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  }
  // One decimal below 10, whole numbers above; no trailing ".0".
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded} ${UNITS[unit]}`;
}

export function tooBigText(limits) {
  return `Too big: an image can be at most ${formatBytes(limits.maxAttachmentBytes)}.`;
}

export function wrongTypeText() {
  return `Not an image this chat takes: use ${IMAGE_TYPE_NAMES}.`;
}

export function tooManyText(limits) {
  return `At most ${limits.maxAttachmentsPerMessage} images go in one message.`;
}

/**
 * The client's own check of a file ({name, size, type}) before it is uploaded: null when it may go, else why not
 * ({code: 'too_big' | 'wrong_type' | 'empty', text}). The type is the browser's guess from the name: a file it cannot
 * tell (type "") goes, and the server decides.
 */
export function checkFile(file, limits) {
  const type = String(file?.type ?? '').toLowerCase();
  if (type !== '' && !IMAGE_TYPES.includes(type)) {
    return { code: 'wrong_type', text: wrongTypeText() };
  }
  if (!(file?.size > 0)) {
    return { code: 'empty', text: 'This file is empty.' };
  }
  if (file.size > limits.maxAttachmentBytes) {
    return { code: 'too_big', text: tooBigText(limits) };
  }
  return null;
}

/**
 * What a refused upload says on its item: by the problem's code, else by the HTTP status (a proxy's answer has no
 * code); `field` is the problem's message for the file (validation_failed), `detail` its one line. Also whether trying
 * again may help (busy, rate limited, network).
 */
export function uploadErrorText({ status, code, detail, field }, limits) {
  const by = code && !code.startsWith('http_') ? code : null;
  if (by === 'payload_too_large' || (!by && status === 413)) {
    return { text: tooBigText(limits), retryable: false };
  }
  if (by === 'unsupported_media_type' || (!by && status === 415)) {
    return { text: wrongTypeText(), retryable: false };
  }
  if (by === 'validation_failed' || (!by && status === 400)) {
    const why = field || detail;
    return { text: why ? `Not accepted: ${why}.`.replace(/\.\.$/, '.') : 'This image was not accepted.', retryable: false };
  }
  if (by === 'not_a_member' || (!by && status === 403)) {
    return { text: 'You are not a member of this room.', retryable: false };
  }
  if (by === 'rate_limited' || (!by && status === 429)) {
    return { text: 'Too many uploads at once. Wait a moment, then retry.', retryable: true };
  }
  if (by === 'overloaded' || by === 'service_unavailable' || (!by && (status === 502 || status === 503 || status === 504))) {
    return { text: 'The server is busy. Retry in a moment.', retryable: true };
  }
  if (by === 'network' || status === 0) {
    return { text: 'Cannot reach the server. Check your connection, then retry.', retryable: true };
  }
  if (by === 'internal_error' || status >= 500) {
    return { text: 'Something went wrong on our side. Retry in a moment.', retryable: true };
  }
  return { text: detail || `Upload failed (${status}).`, retryable: false };
}

/**
 * Whether a message can go: with attachments (1 to maxAttachmentsPerMessage) the text may be blank, but not too long;
 * without, the text must be sendable as always.
 */
export function isSendable(text, attachmentCount, limits) {
  if (attachmentCount > 0) {
    return attachmentCount <= limits.maxAttachmentsPerMessage && [...text].length <= limits.maxTextLength;
  }
  return isSendableText(text, limits);
}

/** The text a message goes with: a blank caption under images is no caption (""). */
export function messageText(text, attachmentCount) {
  return attachmentCount > 0 && text.trim() === '' ? '' : text;
}

/**
 * The `send` frame of a pending message ({roomId, clientMsgId, text, attachments?: [{attachmentId, ...}]}): a resend
 * builds the same frame, attachments and all. `attachments` is left out when there are none.
 */
export function sendFrame({ roomId, clientMsgId, text, attachments }) {
  const frame = { type: 'send', roomId, clientMsgId, text };
  if (attachments?.length > 0) {
    frame.attachments = attachments.map((a) => a.attachmentId);
  }
  return frame;
}

/** The box each thumbnail of a message fits in: smaller when the message has several. */
export function thumbnailBox(count) {
  return count > 1 ? SMALL_THUMBNAIL_BOX_PX : THUMBNAIL_BOX_PX;
}

/**
 * The size a thumbnail takes in the log: its own, scaled down (never up) to fit `box` both ways, whole pixels, at
 * least 1; from the attachment's thumbnail, or the image's own dimensions when it has none.
 */
export function displaySize(attachment, box = THUMBNAIL_BOX_PX) {
  const source = attachment?.thumbnail?.width > 0 && attachment?.thumbnail?.height > 0 ? attachment.thumbnail : attachment;
  const width = source?.width > 0 ? source.width : box;
  const height = source?.height > 0 ? source.height : box;
  const scale = Math.min(1, box / width, box / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** "800 × 600" (the image's own pixels), or "" when unknown. */
export function dimensions(attachment) {
  return attachment?.width > 0 && attachment?.height > 0 ? `${attachment.width} × ${attachment.height}` : '';
}

/** The alt text of an attachment in the log: who sent it and its dimensions. */
export function attachmentAlt(sender, attachment) {
  const size = dimensions(attachment);
  return `Image from ${sender || 'unknown'}${size ? `, ${size}` : ''}`;
}

/** The viewer's caption: dimensions, size and type ("800 × 600 pixels · 1.2 MB · PNG"). */
export function attachmentCaption(attachment) {
  const parts = [];
  const size = dimensions(attachment);
  if (size) {
    parts.push(`${size} pixels`);
  }
  if (attachment?.size > 0) {
    parts.push(formatBytes(attachment.size));
  }
  const type = typeName(attachment?.contentType);
  if (type) {
    parts.push(type);
  }
  return parts.join(' · ');
}

function typeName(contentType) {
  return { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF', 'image/webp': 'WebP' }[contentType] ?? '';
}

/** The file name a download gets: the attachment's id and its type's extension, as the server names it. */
export function attachmentFilename(attachment) {
  const ext = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' }[attachment?.contentType] ?? 'img';
  const id = String(attachment?.attachmentId ?? 'image').replace(/[^A-Za-z0-9-]/g, '');
  return `${id || 'image'}.${ext}`;
}

/** A message's attachments as the client shows them: only well-formed ones (an id), none for a deleted message. */
export function attachmentsOf(message) {
  if (!message || message.deleted || !Array.isArray(message.attachments)) {
    return [];
  }
  return message.attachments.filter((a) => typeof a?.attachmentId === 'string' && a.attachmentId !== '');
}
