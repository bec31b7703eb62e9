import { RoomLog } from '/app/js/logic/room-log.js';
import { assert, assertDeepEqual, assertEqual, test } from './harness.js';

function msg(seq, senderId = 'other') {
  return { seq, roomId: 'r', sender: { id: senderId, username: senderId }, text: `m${seq}` };
}

function seqsOf(log) {
  return log.messages().map((m) => m.seq);
}

test('messages inserted out of order come out in seq order', () => {
  const log = new RoomLog();
  for (const seq of [5, 1, 3, 2, 4]) {
    assert(log.insert(msg(seq)), `insert ${seq}`);
  }
  assertDeepEqual(seqsOf(log), [1, 2, 3, 4, 5]);
  assertEqual(log.minSeq, 1);
  assertEqual(log.maxSeq, 5);
  assertEqual(log.size, 5);
});

test('a seq that is already there is not added again, and the first copy stays', () => {
  const log = new RoomLog();
  const first = { ...msg(2), text: 'first' };
  assert(log.insert(msg(1)));
  assert(log.insert(first));
  assertEqual(log.insert({ ...msg(2), text: 'second' }), false, 'duplicate refused');
  assertEqual(log.insert(msg(1)), false, 'older duplicate refused');
  assertDeepEqual(seqsOf(log), [1, 2]);
  assertEqual(log.messages()[1].text, 'first');
  assert(log.has(2));
  assert(!log.has(3));
});

test('a message without an integer seq is refused', () => {
  const log = new RoomLog();
  assertEqual(log.insert({ text: 'no seq' }), false);
  assertEqual(log.insert({ seq: '3' }), false);
  assertEqual(log.insert({ seq: 2.5 }), false);
  assertEqual(log.size, 0);
  assertEqual(log.minSeq, null);
  assertEqual(log.maxSeq, null);
});

test('history, live and resumed copies of the same messages merge into one gapless run', () => {
  const log = new RoomLog();
  // the newest page from history, then live frames (one early, one twice), then the resume filling the hole
  [3, 4, 5].forEach((s) => log.insert(msg(s)));
  [8, 6, 8].forEach((s) => log.insert(msg(s)));
  [5, 6, 7, 8].forEach((s) => log.insert(msg(s)));
  assertDeepEqual(seqsOf(log), [3, 4, 5, 6, 7, 8]);
  assertEqual(log.firstGap(), null);
});

test('firstGap names the seqs either side of the first hole', () => {
  const log = new RoomLog();
  assertEqual(log.firstGap(), null, 'empty');
  [1, 2, 5, 6, 9].forEach((s) => log.insert(msg(s)));
  assertDeepEqual(log.firstGap(), { after: 2, before: 5 });
  [3, 4].forEach((s) => log.insert(msg(s)));
  assertDeepEqual(log.firstGap(), { after: 6, before: 9 });
  [7, 8].forEach((s) => log.insert(msg(s)));
  assertEqual(log.firstGap(), null);
});

test('countOthersAfter counts only others\' messages after the seq', () => {
  const log = new RoomLog();
  log.insert(msg(1, 'me'));
  log.insert(msg(2, 'bob'));
  log.insert(msg(3, 'me'));
  log.insert(msg(4, 'carol'));
  log.insert(msg(5, 'bob'));
  assertEqual(log.countOthersAfter(0, 'me'), 3);
  assertEqual(log.countOthersAfter(2, 'me'), 2);
  assertEqual(log.countOthersAfter(5, 'me'), 0);
});

test('countOthersAfter is null when the log does not reach back to the seq', () => {
  const log = new RoomLog();
  assertEqual(log.countOthersAfter(0, 'me'), null, 'empty log');
  [10, 11, 12].forEach((s) => log.insert(msg(s)));
  assertEqual(log.countOthersAfter(8, 'me'), null, 'seq 9 is not held');
  assertEqual(log.countOthersAfter(9, 'me'), 3, 'the log starts right after it');
});

test('an edit and a deletion change a held message in place; a deleted one stays deleted', () => {
  const log = new RoomLog();
  log.insert(msg(1));
  log.insert(msg(2));
  assert(log.change(1, { text: 'fixed', editedAt: '2026-12-02T10:00:00Z' }));
  assertEqual(log.messages()[0].text, 'fixed');
  assertEqual(log.messages()[0].editedAt, '2026-12-02T10:00:00Z');
  assert(log.change(2, { deleted: true }));
  assertEqual(log.messages()[1].deleted, true);
  assertEqual(log.messages()[1].text, undefined, 'no text left');
  assert(log.change(2, { text: 'back?', editedAt: '2026-12-02T10:01:00Z' }));
  assertEqual(log.messages()[1].text, undefined, 'an edit does not bring a deleted message back');
  assertEqual(log.change(9, { deleted: true }), false, 'a seq not held is left to history');
  assertDeepEqual(seqsOf(log), [1, 2], 'seqs stay gapless');
});

test('a deleted message keeps no attachments; an edit keeps them', () => {
  const log = new RoomLog();
  const image = { attachmentId: 'a1', contentType: 'image/png', size: 10, width: 8, height: 6, thumbnail: { contentType: 'image/png', size: 5, width: 8, height: 6 } };
  log.insert({ ...msg(1), attachments: [image] });
  log.insert({ ...msg(2), attachments: [image] });
  log.change(1, { text: 'caption', editedAt: '2026-12-02T10:00:00Z' });
  assertDeepEqual(log.get(1).attachments, [image], 'an edit changes the text only');
  log.change(2, { deleted: true });
  assertEqual(log.get(2).attachments, undefined, 'nothing of a deleted message is left to show');
});

test('a later copy of a held message (edited or deleted since) replaces it; an older or equal one does not', () => {
  const log = new RoomLog();
  log.insert(msg(1));
  assertEqual(log.insert({ ...msg(1), text: 'edited', editedAt: '2026-12-02T10:00:00Z' }), false, 'not added twice');
  assertEqual(log.messages()[0].text, 'edited');
  log.insert({ ...msg(1), text: 'older edit', editedAt: '2026-12-02T09:00:00Z' });
  assertEqual(log.messages()[0].text, 'edited');
  log.insert({ ...msg(1), deleted: true, text: undefined });
  assertEqual(log.messages()[0].deleted, true);
  log.insert(msg(1));
  assertEqual(log.messages()[0].deleted, true, 'a stale live copy does not undelete it');
});

test('the last message one can edit skips others, deleted ones, system lines and images without text', () => {
  const log = new RoomLog();
  log.insert(msg(1, 'me'));
  log.insert(msg(2, 'me'));
  log.insert(msg(3, 'other'));
  log.insert({ ...msg(4, 'me'), kind: 'system' });
  log.insert({ ...msg(5, 'me'), text: '', attachments: [{ attachmentId: 'a1', width: 4, height: 3 }] });
  log.change(2, { deleted: true });
  assertEqual(log.lastEditableOf('me').seq, 1);
  assertEqual(log.lastEditableOf('nobody'), null);
});

test('a reaction event changes a held message\'s counts as a new object; a seq not held, or deleted, is left alone', () => {
  const log = new RoomLog();
  log.insert(msg(1));
  const before = log.get(1);
  assert(log.react(1, { emoji: '👍', count: 2, userId: 'me', on: true }, 'me'));
  assert(log.get(1) !== before, 'a new object, so the view draws it anew');
  assertDeepEqual([log.get(1).reactions, log.get(1).myReactions], [{ '👍': 2 }, ['👍']]);
  assertEqual(log.react(7, { emoji: '👍', count: 1, userId: 'x', on: true }, 'me'), false);
  log.change(1, { deleted: true });
  assertEqual(log.get(1).reactions, undefined, 'a deleted message loses its reactions');
  assertEqual(log.react(1, { emoji: '👍', count: 3, userId: 'x', on: true }, 'me'), false);
  assertEqual(log.get(9), null);
});

test('the answer to one\'s own reaction applies once, unless its event was first', () => {
  const log = new RoomLog();
  log.insert(msg(1));
  assert(log.reactionAnswered(1, { emoji: '🎉', on: true, count: 1 }, 'me'));
  assertEqual(log.reactionAnswered(1, { emoji: '🎉', on: true, count: 1 }, 'me'), false, 'already so');
  assertEqual(log.reactionAnswered(5, { emoji: '🎉', on: true, count: 1 }, 'me'), false);
});

test('a reset empties the window for another, keeps pending sends, and starts a new epoch', () => {
  const log = new RoomLog();
  [1, 2, 3].forEach((s) => log.insert(msg(s)));
  log.loaded = true;
  log.hasMoreBefore = false;
  log.hasMoreAfter = true;
  log.evictedBefore = 2;
  log.pending.set('c1', { clientMsgId: 'c1', text: 'still going' });
  const epoch = log.epoch;
  log.reset();
  assertEqual(log.size, 0);
  assertDeepEqual([log.loaded, log.hasMoreBefore, log.hasMoreAfter, log.evictedBefore], [false, true, false, null]);
  assertEqual(log.epoch, epoch + 1);
  assert(log.pending.has('c1'));
});

test('a page read backward says whether anything is before the window, retention included', () => {
  const log = new RoomLog();
  [10, 11, 12].forEach((s) => log.insert(msg(s)));
  log.noteTop({ hasMore: true, messages: [msg(10)] });
  assertEqual(log.hasMoreBefore, true);
  log.noteTop({ hasMore: true, messages: [] });
  assertEqual(log.hasMoreBefore, false, 'an empty page ends it');
  log.noteTop({ hasMore: true, messages: [msg(10)], evictedBefore: 10 });
  assertDeepEqual([log.hasMoreBefore, log.evictedBefore], [false, 10], 'the window reaches the lowest seq kept');
  const other = new RoomLog();
  [20, 21].forEach((s) => other.insert(msg(s)));
  other.noteTop({ hasMore: true, messages: [msg(20)], evictedBefore: 10 });
  assertDeepEqual([other.hasMoreBefore, other.evictedBefore], [true, 10], 'kept messages 10..19 are still above');
});

test('evicting below a seq drops held messages under it, so the window stays gapless and its top is known', () => {
  const log = new RoomLog();
  [1, 2, 3, 50, 51].forEach((s) => log.insert(msg(s)));
  assertDeepEqual(log.firstGap(), { after: 3, before: 50 });
  assertEqual(log.evictBefore(50), 3);
  assertDeepEqual(seqsOf(log), [50, 51]);
  assertEqual(log.firstGap(), null);
  assertDeepEqual([log.hasMoreBefore, log.evictedBefore], [false, 50]);
  assertEqual(log.evictBefore(undefined), 0);
  const above = new RoomLog();
  [60, 61].forEach((s) => above.insert(msg(s)));
  assertEqual(above.evictBefore(50), 0);
  assertEqual(above.hasMoreBefore, true, 'kept messages between 50 and 60 can still be read');
});

test('unread counting in the log skips system lines and deleted messages, and refuses a window short of the newest', () => {
  const log = new RoomLog();
  log.insert(msg(1, 'bob'));
  log.insert({ ...msg(2, 'bob'), kind: 'system', text: 'bob joined' });
  log.insert(msg(3, 'bob'));
  log.insert(msg(4, 'carol'));
  log.change(3, { deleted: true });
  assertEqual(log.countOthersAfter(0, 'me'), 2);
  log.hasMoreAfter = true;
  assertEqual(log.countOthersAfter(0, 'me'), null);
});

test('a window that starts at the lowest seq retention kept counts from further back', () => {
  const log = new RoomLog();
  [50, 51, 52].forEach((s) => log.insert(msg(s, 'bob')));
  assertEqual(log.countOthersAfter(5, 'me'), null);
  log.evictBefore(50);
  assertEqual(log.countOthersAfter(5, 'me'), 3, 'seqs 6..49 are gone for everyone');
});

test('a copy read again after a reconnect brings an edit, a deletion and reactions made meanwhile', () => {
  const log = new RoomLog();
  [1, 2, 3, 4].forEach((s) => log.insert(msg(s)));
  log.insert({ ...msg(5, 'me'), clientMsgId: 'c5' });
  const since = log.reactionMark;
  const untouched = log.get(4);
  assert(log.refresh({ ...msg(1), text: 'm1 edited', editedAt: '2026-01-01T00:00:01Z' }, since), 'edited');
  assert(log.refresh({ seq: 2, roomId: 'r', sender: { id: 'other' }, deleted: true }, since), 'deleted');
  assert(log.refresh({ ...msg(3), reactions: { '👍': 1 }, myReactions: [] }, since), 'reacted');
  assert(log.refresh({ ...msg(5, 'me'), reactions: { '🎉': 2 }, myReactions: ['🎉'] }, since), 'one\'s own reaction');
  assertEqual(log.refresh(msg(4), since), false, 'the same state changes nothing');
  assertEqual(log.get(4), untouched, 'and keeps the object, so its item is not rendered again');
  assertDeepEqual([log.get(1).text, log.get(1).editedAt], ['m1 edited', '2026-01-01T00:00:01Z']);
  assertDeepEqual(log.get(2), { seq: 2, roomId: 'r', sender: { id: 'other', username: 'other' }, deleted: true });
  assertDeepEqual(log.get(3).reactions, { '👍': 1 });
  assertEqual(log.get(3).myReactions, undefined);
  assertDeepEqual([log.get(5).reactions, log.get(5).myReactions, log.get(5).clientMsgId], [{ '🎉': 2 }, ['🎉'], 'c5']);
  assertEqual(log.refresh(msg(9), since), false, 'a seq not held is left to history');
  assertDeepEqual(seqsOf(log), [1, 2, 3, 4, 5]);
});

test('a copy read again takes reactions taken back meanwhile, and never undoes a deletion or a newer edit', () => {
  const log = new RoomLog();
  log.insert({ ...msg(1), reactions: { '👍': 2, '❤️': 1 }, myReactions: ['👍'] });
  log.insert({ ...msg(2), text: 'newer', editedAt: '2026-01-01T00:00:05Z' });
  log.insert(msg(3));
  log.change(3, { deleted: true });
  const since = log.reactionMark;
  assert(log.refresh({ ...msg(1), reactions: { '❤️': 1 } }, since));
  assertDeepEqual(log.get(1).reactions, { '❤️': 1 });
  assertEqual(log.get(1).myReactions, undefined);
  assert(log.refresh(msg(1), since), 'the last reaction taken back');
  assertEqual(log.get(1).reactions, undefined);
  assertEqual(log.refresh({ ...msg(2), text: 'older', editedAt: '2026-01-01T00:00:02Z' }, since), false);
  assertEqual(log.get(2).text, 'newer');
  assertEqual(log.refresh({ ...msg(3), reactions: { '👍': 1 } }, since), false);
  assert(log.get(3).deleted);
});

test('reactions that changed live after the re-read was asked for stay: they are newer than its copy', () => {
  const log = new RoomLog();
  log.insert(msg(1));
  log.insert(msg(2));
  log.react(2, { emoji: '👍', count: 1, userId: 'x', on: true }, 'me');
  const since = log.reactionMark;
  log.react(1, { emoji: '👍', count: 2, userId: 'me', on: true }, 'me');
  assertEqual(log.refresh({ ...msg(1), reactions: { '👍': 1 } }, since), false, 'the event came after the copy was asked for');
  assertDeepEqual([log.get(1).reactions, log.get(1).myReactions], [{ '👍': 2 }, ['👍']]);
  assertEqual(log.refresh({ ...msg(2), reactions: { '👍': 1 } }, since), false, 'an event before it: the copy agrees');
  assert(log.refresh({ ...msg(2), reactions: { '👍': 3 } }, since), 'an event before it: the copy is newer');
  assertDeepEqual(log.get(2).reactions, { '👍': 3 });
  // An edit in the copy is still taken, whatever happened to the reactions.
  assert(log.refresh({ ...msg(1), text: 'm1 edited', editedAt: '2026-01-01T00:00:01Z' }, since));
  assertDeepEqual([log.get(1).text, log.get(1).reactions], ['m1 edited', { '👍': 2 }]);
  const answered = new RoomLog();
  answered.insert(msg(7));
  const before = answered.reactionMark;
  assert(answered.reactionAnswered(7, { emoji: '🎉', on: true, count: 1 }, 'me'));
  assertEqual(answered.refresh(msg(7), before), false, 'one\'s own toggle answered after the copy was asked for stays');
  answered.reset();
  answered.insert(msg(7));
  assert(answered.refresh({ ...msg(7), reactions: { '🎉': 1 } }, answered.reactionMark), 'a reset forgets what changed live');
});
