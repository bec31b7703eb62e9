import {
  attachmentAlt, attachmentCaption, attachmentFilename, attachmentsOf, checkFile, displaySize, formatBytes, isSendable,
  messageText, sendFrame, thumbnailBox, uploadErrorText,
} from '/app/js/logic/attachments.js';
import { limitsFrom } from '/app/js/logic/limits.js';
import { assert, assertDeepEqual, assertEqual, test } from './harness.js';

const limits = limitsFrom({ maxTextLength: 20, maxAttachmentBytes: 5242880, maxAttachmentsPerMessage: 3 });
const image = {
  attachmentId: '0190a3c4-7b1e-7c2d-9f00-1234567890ab', contentType: 'image/png', size: 1258291, width: 800, height: 600,
  thumbnail: { contentType: 'image/jpeg', size: 20000, width: 480, height: 360 },
};

test('sizes read in binary units, as the limit is set', () => {
  assertEqual(formatBytes(5242880), '5 MB');
  assertEqual(formatBytes(10 * 1024 * 1024), '10 MB');
  assertEqual(formatBytes(1258291), '1.2 MB');
  assertEqual(formatBytes(1536), '1.5 KB');
  assertEqual(formatBytes(800 * 1024), '800 KB');
  assertEqual(formatBytes(1023), '1023 bytes');
  assertEqual(formatBytes(1), '1 byte');
  assertEqual(formatBytes(0), '0 bytes');
  assertEqual(formatBytes(Number.NaN), '');
});

test('a file goes when it is an image type of the four and within the limit', () => {
  for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'IMAGE/PNG']) {
    assertEqual(checkFile({ name: 'a', size: 100, type }, limits), null, type);
  }
  assertEqual(checkFile({ name: 'a', size: 5242880, type: 'image/png' }, limits), null, 'exactly the limit');
});

test('a file over the limit is too big, and says the limit in MB', () => {
  const refused = checkFile({ name: 'big.png', size: 5242881, type: 'image/png' }, limits);
  assertEqual(refused.code, 'too_big');
  assertEqual(refused.text, 'Too big: an image can be at most 5 MB.');
  assertEqual(checkFile({ name: 'big.png', size: 2048, type: 'image/png' }, limitsFrom({ maxAttachmentBytes: 1024 })).text,
    'Too big: an image can be at most 1 KB.');
});

test('another type is refused and says which types work; an unknown type is left to the server', () => {
  for (const type of ['text/plain', 'image/svg+xml', 'image/bmp', 'application/pdf', 'image/heic']) {
    const refused = checkFile({ name: 'x', size: 10, type }, limits);
    assertEqual(refused?.code, 'wrong_type', type);
    assertEqual(refused.text, 'Not an image this chat takes: use PNG, JPEG, GIF or WebP.');
  }
  assertEqual(checkFile({ name: 'x', size: 10, type: '' }, limits), null, 'the browser could not tell: the server sniffs');
  assertEqual(checkFile({ name: 'x', size: 0, type: 'image/png' }, limits).code, 'empty');
});

test('the server\'s refusals say what is wrong, by code first and by status without one', () => {
  assertDeepEqual(uploadErrorText({ status: 413, code: 'payload_too_large', detail: 'at most 5242880 bytes' }, limits),
    { text: 'Too big: an image can be at most 5 MB.', retryable: false });
  assertEqual(uploadErrorText({ status: 413, code: 'http_413' }, limits).text, 'Too big: an image can be at most 5 MB.', 'a proxy\'s 413');
  assertDeepEqual(uploadErrorText({ status: 415, code: 'unsupported_media_type', detail: 'not an image' }, limits),
    { text: 'Not an image this chat takes: use PNG, JPEG, GIF or WebP.', retryable: false });
  assertEqual(uploadErrorText({ status: 400, code: 'validation_failed', detail: 'file: an image that does not decode',
    field: 'an image that does not decode' }, limits).text, 'Not accepted: an image that does not decode.');
  assertEqual(uploadErrorText({ status: 400, code: 'validation_failed', field: 'too many pixels.' }, limits).text,
    'Not accepted: too many pixels.', 'no double full stop');
  assertEqual(uploadErrorText({ status: 403, code: 'not_a_member' }, limits).text, 'You are not a member of this room.');
  for (const [status, code] of [[429, 'rate_limited'], [503, 'overloaded'], [503, 'service_unavailable'], [0, 'network'], [500, 'internal_error'], [502, 'http_502']]) {
    assertEqual(uploadErrorText({ status, code }, limits).retryable, true, `${status} ${code} may be retried`);
  }
  assertEqual(uploadErrorText({ status: 418, code: 'teapot', detail: 'short and stout' }, limits).text, 'short and stout');
});

test('with attachments the text may be blank; without, it must be sendable; never too many or too long', () => {
  assertEqual(isSendable('', 1, limits), true);
  assertEqual(isSendable('  ', 3, limits), true);
  assertEqual(isSendable('', 4, limits), false, 'over maxAttachmentsPerMessage');
  assertEqual(isSendable('x'.repeat(21), 1, limits), false, 'text too long');
  assertEqual(isSendable('', 0, limits), false, 'nothing at all');
  assertEqual(isSendable('hi', 0, limits), true);
  assertEqual(messageText('  \n', 1), '', 'a blank caption is none');
  assertEqual(messageText(' look ', 1), ' look ');
  assertEqual(messageText('  ', 0), '  ', 'without attachments the text is left to the usual rule');
});

test('the send frame carries the attachment ids, in order, only when there are some', () => {
  const second = { ...image, attachmentId: 'b2' };
  assertDeepEqual(sendFrame({ roomId: 'r1', clientMsgId: 'c1', text: 'look', attachments: [image, second], files: new Map() }),
    { type: 'send', roomId: 'r1', clientMsgId: 'c1', text: 'look', attachments: [image.attachmentId, 'b2'] });
  const plain = sendFrame({ roomId: 'r1', clientMsgId: 'c2', text: 'hi' });
  assertDeepEqual(plain, { type: 'send', roomId: 'r1', clientMsgId: 'c2', text: 'hi' });
  assert(!('attachments' in sendFrame({ roomId: 'r1', clientMsgId: 'c3', text: 'hi', attachments: [] })), 'no empty list');
  const pending = { roomId: 'r1', clientMsgId: 'c4', text: '', attachments: [image], status: 'failed', error: 'x', timer: 7 };
  assertDeepEqual(sendFrame(pending), sendFrame({ ...pending, status: 'pending' }), 'a resend is the same frame');
});

test('a thumbnail takes its own size in the log, scaled down to fit 240 px, never up', () => {
  assertDeepEqual(displaySize(image), { width: 240, height: 180 });
  assertDeepEqual(displaySize({ ...image, thumbnail: { width: 120, height: 360 } }), { width: 80, height: 240 });
  assertDeepEqual(displaySize({ ...image, thumbnail: { width: 100, height: 50 } }), { width: 100, height: 50 }, 'small stays small');
  assertDeepEqual(displaySize({ width: 4000, height: 10 }), { width: 240, height: 1 }, 'at least a pixel; the image\'s own size without a thumbnail');
  assertDeepEqual(displaySize({}), { width: 240, height: 240 }, 'unknown: a square');
  assertEqual(thumbnailBox(1), 240);
  assertEqual(thumbnailBox(2), 160, 'two side by side');
  assertDeepEqual(displaySize(image, thumbnailBox(3)), { width: 160, height: 120 });
});

test('alt text, caption and file name say who sent what', () => {
  assertEqual(attachmentAlt('alice', image), 'Image from alice, 800 × 600');
  assertEqual(attachmentAlt('', { attachmentId: 'x' }), 'Image from unknown');
  assertEqual(attachmentCaption(image), '800 × 600 pixels · 1.2 MB · PNG');
  assertEqual(attachmentFilename(image), `${image.attachmentId}.png`);
  assertEqual(attachmentFilename({ attachmentId: 'a/../b', contentType: 'image/jpeg' }), 'ab.jpg', 'nothing but the id\'s own characters');
  assertEqual(attachmentFilename({ attachmentId: 'w', contentType: 'image/webp' }), 'w.webp');
});

test('a message shows its well-formed attachments; a deleted one none', () => {
  assertDeepEqual(attachmentsOf({ attachments: [image, { size: 3 }, null] }), [image]);
  assertDeepEqual(attachmentsOf({ deleted: true, attachments: [image] }), []);
  assertDeepEqual(attachmentsOf({ text: 'plain' }), []);
  assertDeepEqual(attachmentsOf(null), []);
});
