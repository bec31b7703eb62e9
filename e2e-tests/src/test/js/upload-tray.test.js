import { limitsFrom } from '/app/js/logic/limits.js';
import { itemStatusText, MAX_PARALLEL_UPLOADS, UploadTray } from '/app/js/logic/upload-tray.js';
import { assert, assertDeepEqual, assertEqual, test } from './harness.js';

const limits = limitsFrom({ maxTextLength: 20, maxAttachmentBytes: 1000, maxAttachmentsPerMessage: 3 });

function png(name, size = 100) {
  return { name, size, type: 'image/png' };
}

function attachment(id) {
  return { attachmentId: id, contentType: 'image/png', size: 100, width: 8, height: 6, thumbnail: { contentType: 'image/png', size: 50, width: 8, height: 6 } };
}

function statuses(tray) {
  return tray.items.map((i) => i.status);
}

test('files are checked as they come: too big and wrong types are rejected with their reason, never uploaded', () => {
  const tray = new UploadTray();
  const added = tray.add([png('a.png'), png('big.png', 1001), { name: 'notes.txt', size: 10, type: 'text/plain' }], limits);
  assertDeepEqual(added.map((i) => i.status), ['queued', 'rejected', 'rejected']);
  assertEqual(added[1].error, 'Too big: an image can be at most 1000 bytes.');
  assertEqual(added[2].error, 'Not an image this chat takes: use PNG, JPEG, GIF or WebP.');
  assertDeepEqual(tray.start().map((i) => i.name), ['a.png'], 'only the accepted one starts');
  assertEqual(new Set(tray.items.map((i) => i.key)).size, 3, 'every item has its own key');
});

test('beyond the message\'s limit of images, the extra ones are rejected as one too many', () => {
  const tray = new UploadTray();
  tray.add([png('1'), png('2'), png('bad', 5000)], limits);
  const more = tray.add([png('3'), png('4')], limits);
  assertDeepEqual(more.map((i) => i.status), ['queued', 'rejected']);
  assertEqual(more[1].error, 'At most 3 images go in one message.');
});

test('at most two upload at once; the next starts when one ends', () => {
  assertEqual(MAX_PARALLEL_UPLOADS, 2);
  const tray = new UploadTray();
  tray.add([png('1'), png('2'), png('3')], limits);
  const first = tray.start();
  assertEqual(first.length, 2);
  assertDeepEqual(statuses(tray), ['uploading', 'uploading', 'queued']);
  assertDeepEqual(tray.start(), [], 'no third while two run');
  assert(tray.uploaded(first[0].key, attachment('a1')));
  assertDeepEqual(tray.start().map((i) => i.name), ['3']);
});

test('progress moves forward in whole percent and stays below 100 until the server answered', () => {
  const tray = new UploadTray();
  const [item] = tray.add([png('a')], limits);
  assertEqual(tray.progress(item.key, 10, 100), false, 'not uploading yet');
  tray.start();
  const before = tray.item(item.key);
  assert(tray.progress(item.key, 455, 1000));
  assertEqual(tray.item(item.key).progress, 45);
  assert(tray.item(item.key) !== before, 'a change is a new object');
  assertEqual(tray.progress(item.key, 300, 1000), false, 'never backwards');
  assert(tray.progress(item.key, 1000, 1000));
  assertEqual(tray.item(item.key).progress, 99, 'all bytes sent, the answer not in yet');
  assertEqual(itemStatusText(tray.item(item.key)), 'Uploading, 99%');
  assert(tray.uploaded(item.key, attachment('a1')));
  assertEqual(tray.item(item.key).progress, 100);
  assertEqual(itemStatusText(tray.item(item.key)), 'Ready to send');
  assertEqual(tray.uploaded(item.key, attachment('a2')), false, 'done once');
});

test('a failure says why; a retryable one goes back to the queue, another does not', () => {
  const tray = new UploadTray();
  const [busy, refused] = tray.add([png('busy'), png('fake')], limits);
  tray.start();
  assert(tray.failed(busy.key, { text: 'The server is busy. Retry in a moment.', retryable: true }));
  assert(tray.failed(refused.key, { text: 'Not an image this chat takes: use PNG, JPEG, GIF or WebP.', retryable: false }));
  assertEqual(itemStatusText(tray.item(refused.key)), 'Not an image this chat takes: use PNG, JPEG, GIF or WebP.');
  assertEqual(tray.retry(refused.key, limits), false);
  assert(tray.retry(busy.key, limits));
  assertEqual(tray.item(busy.key).status, 'queued');
  assertEqual(tray.item(busy.key).error, null);
  assertEqual(tray.failed(busy.key, { text: 'x', retryable: true }), false, 'only an upload in flight fails');
});

test('a retry that would make the message one too many is rejected instead', () => {
  const tray = new UploadTray();
  const [first] = tray.add([png('1')], limits);
  tray.start();
  tray.failed(first.key, { text: 'busy', retryable: true });
  tray.add([png('2'), png('3'), png('4')], limits);
  assert(tray.retry(first.key, limits));
  assertEqual(tray.item(first.key).status, 'rejected');
  assertEqual(tray.item(first.key).error, 'At most 3 images go in one message.');
});

test('send waits for uploads, needs text or a finished one, and keeps to the limits', () => {
  const tray = new UploadTray();
  assertDeepEqual(tray.sendState('', limits), { enabled: false, reason: 'empty' });
  assertDeepEqual(tray.sendState('hello', limits), { enabled: true, reason: null });
  assertDeepEqual(tray.sendState('x'.repeat(21), limits), { enabled: false, reason: 'invalid' });
  const [item] = tray.add([png('a')], limits);
  assertDeepEqual(tray.sendState('hello', limits), { enabled: false, reason: 'uploading' }, 'queued blocks');
  tray.start();
  assertDeepEqual(tray.sendState('hello', limits), { enabled: false, reason: 'uploading' }, 'uploading blocks');
  assertEqual(tray.take(), null, 'nothing is taken while uploads run');
  assertEqual(tray.size, 1);
  tray.uploaded(item.key, attachment('a1'));
  assertDeepEqual(tray.sendState('', limits), { enabled: true, reason: null }, 'an image alone is a message');
  assertDeepEqual(tray.sendState('x'.repeat(21), limits), { enabled: false, reason: 'invalid' });
  tray.add([png('big', 5000)], limits);
  assertDeepEqual(tray.sendState('', limits), { enabled: true, reason: null }, 'a rejected item does not block');
});

test('sending takes the finished uploads in order with their files, and empties the tray', () => {
  const tray = new UploadTray();
  const files = [png('1'), png('2'), png('3')];
  const items = tray.add(files, limits);
  tray.start();
  tray.uploaded(items[1].key, attachment('b'));
  tray.uploaded(items[0].key, attachment('a'));
  tray.start();
  tray.failed(items[2].key, { text: 'no', retryable: false });
  const taken = tray.take();
  assertDeepEqual(taken.attachments.map((a) => a.attachmentId), ['a', 'b'], 'tray order, not finishing order');
  assertEqual(taken.files.get('a'), files[0]);
  assertEqual(taken.files.get('b'), files[1]);
  assertEqual(tray.size, 0, 'failed items go too');
});

test('removing takes one item out and gives it back, so an upload in flight can be aborted', () => {
  const tray = new UploadTray();
  const [a, b] = tray.add([png('a'), png('b')], limits);
  tray.start();
  const removed = tray.remove(a.key);
  assertEqual(removed.status, 'uploading');
  assertEqual(tray.remove(a.key), null, 'once');
  assertDeepEqual(tray.items.map((i) => i.name), ['b']);
  assertEqual(tray.uploaded(a.key, attachment('late')), false, 'a late answer for a removed item is ignored');
  const cleared = tray.clear();
  assertDeepEqual(cleared.map((i) => i.key), [b.key]);
  assertEqual(tray.size, 0);
});
