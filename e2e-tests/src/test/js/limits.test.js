import { isSendableText, limitsFrom } from '/app/js/logic/limits.js';
import { assertDeepEqual, assertEqual, test } from './harness.js';

test('the welcome\'s maxTextLength and attachment limits are taken', () => {
  assertDeepEqual(limitsFrom({
    maxTextLength: 12, maxFrameBytes: 65536, sendsPerWindow: 20, sendWindowMs: 10000, maxAttachmentBytes: 1000, maxAttachmentsPerMessage: 3,
  }), { maxTextLength: 12, maxAttachmentBytes: 1000, maxAttachmentsPerMessage: 3 });
});

test('without attachment limits from the server the fallbacks are 5 MiB and 10 images', () => {
  for (const limits of [undefined, {}, { maxTextLength: 12 }, { maxAttachmentBytes: -1, maxAttachmentsPerMessage: 2.5 }]) {
    assertEqual(limitsFrom(limits).maxAttachmentBytes, 5242880, JSON.stringify(limits));
    assertEqual(limitsFrom(limits).maxAttachmentsPerMessage, 10, JSON.stringify(limits));
  }
});

test('without limits from the server the fallback is 4000', () => {
  assertEqual(limitsFrom(undefined).maxTextLength, 4000);
  assertEqual(limitsFrom(null).maxTextLength, 4000);
  assertEqual(limitsFrom({}).maxTextLength, 4000);
});

test('a maxTextLength that is not a positive whole number is ignored', () => {
  for (const bad of [0, -5, 2.5, '300', null, Number.NaN]) {
    assertEqual(limitsFrom({ maxTextLength: bad }).maxTextLength, 4000, `maxTextLength ${String(bad)}`);
  }
});

test('text is sendable when not blank and not longer than the limit', () => {
  const limits = limitsFrom({ maxTextLength: 5 });
  assertEqual(isSendableText('hello', limits), true);
  assertEqual(isSendableText('hello!', limits), false, 'one too many');
  assertEqual(isSendableText('', limits), false);
  assertEqual(isSendableText(' \n\t ', limits), false, 'blank');
  assertEqual(isSendableText(' hi ', limits), true);
});

test('the length is counted in characters (code points), as the server counts it', () => {
  const limits = limitsFrom({ maxTextLength: 3 });
  assertEqual('😀😀😀'.length, 6, 'six UTF-16 units');
  assertEqual(isSendableText('😀😀😀', limits), true);
  assertEqual(isSendableText('😀😀😀😀', limits), false);
});
