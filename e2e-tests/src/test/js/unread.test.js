import { RoomLog } from '/app/js/logic/room-log.js';
import {
  applyMessageChange, applyReadElsewhere, countLiveMessage, markAllRead, mergeRoom, noteHistoryMessage, unreadBadge,
} from '/app/js/logic/unread.js';
import { assertDeepEqual, assertEqual, test } from './harness.js';

const ME = 'me';

function room(fields = {}) {
  return { id: 'r', name: 'lounge', kind: 'channel', lastSeq: 0, unread: 0, readSeq: 0, lastMessage: null, ...fields };
}

function msg(seq, senderId = 'bob') {
  return { seq, roomId: 'r', sender: { id: senderId }, createdAt: `t${seq}` };
}

test('each live message of someone else counts once, whatever order and however often it comes', () => {
  const r = room();
  const arrivals = [1, 2, 2, 4, 3, 4, 1, 5];
  const counted = arrivals.map((seq) => countLiveMessage(r, msg(seq), ME));
  // 3 after 4 is below lastSeq: it fills a gap on screen but is never counted (only seqs above lastSeq are)
  assertDeepEqual(counted, [true, true, false, true, false, false, false, true]);
  assertEqual(r.unread, 4);
  assertEqual(r.lastSeq, 5);
  assertEqual(r.lastMessage.seq, 5);
});

test('one\'s own message moves the read marker and clears the count', () => {
  const r = room({ lastSeq: 3, unread: 2, readSeq: 1 });
  assertEqual(countLiveMessage(r, msg(4, ME), ME), true);
  assertDeepEqual([r.lastSeq, r.readSeq, r.unread], [4, 4, 0]);
});

test('a message at or below the read marker is not unread', () => {
  const r = room({ lastSeq: 2, readSeq: 6, unread: 0 });
  countLiveMessage(r, msg(5), ME);
  assertEqual(r.unread, 0);
  assertEqual(r.lastSeq, 5);
  countLiveMessage(r, msg(7), ME);
  assertEqual(r.unread, 1);
});

test('a message from history moves lastSeq but is never counted', () => {
  const r = room({ lastSeq: 3, unread: 1 });
  noteHistoryMessage(r, msg(2));
  assertDeepEqual([r.lastSeq, r.unread], [3, 1]);
  noteHistoryMessage(r, msg(6));
  assertDeepEqual([r.lastSeq, r.unread, r.lastMessage.seq], [6, 1, 6]);
});

test('a new room from the list is taken as it is, named after the peer if direct, and stamped', () => {
  const merged = mergeRoom(undefined, { id: 'd', kind: 'direct', name: 'x', peer: { id: 'p', username: 'pat' }, lastSeq: 4, unread: 2 },
    { myId: ME, now: 1234 });
  assertEqual(merged.name, 'pat');
  assertDeepEqual([merged.lastSeq, merged.unread, merged.readSeq, merged.lastMessage, merged.addedAt], [4, 2, 0, null, 1234]);
  const bare = mergeRoom(undefined, { id: 'c', kind: 'channel', name: 'general' }, { myId: ME, now: 1 });
  assertDeepEqual([bare.lastSeq, bare.unread, bare.readSeq, bare.name], [0, 0, 0, 'general']);
});

test('a list newer than what the client saw wins', () => {
  const known = room({ lastSeq: 3, unread: 1, readSeq: 2, addedAt: 5 });
  const merged = mergeRoom(known, { id: 'r', name: 'lounge', kind: 'channel', lastSeq: 6, unread: 4, readSeq: 2 }, { myId: ME, now: 99 });
  assertDeepEqual([merged.lastSeq, merged.unread, merged.readSeq, merged.addedAt], [6, 4, 2, 5]);
});

test('live frames newer than the list win over its stale counts', () => {
  const known = room({ lastSeq: 9, unread: 3, readSeq: 6, lastMessage: msg(9) });
  const merged = mergeRoom(known, { id: 'r', name: 'renamed', kind: 'channel', lastSeq: 7, unread: 1, readSeq: 7 }, { myId: ME, now: 0 });
  assertDeepEqual([merged.lastSeq, merged.unread, merged.readSeq, merged.lastMessage.seq], [9, 3, 7, 9]);
  assertEqual(merged.name, 'renamed', 'other fields come from the list');
});

test('a read marker newer than the list recounts from the log, or takes the smaller count', () => {
  const known = room({ lastSeq: 8, unread: 0, readSeq: 6 });
  const log = new RoomLog();
  [5, 6, 7, 8].forEach((seq) => log.insert(msg(seq, seq === 8 ? ME : 'bob')));
  const listed = { id: 'r', name: 'lounge', kind: 'channel', lastSeq: 8, unread: 5, readSeq: 3 };
  const recounted = mergeRoom(known, listed, { log, myId: ME, now: 0 });
  assertDeepEqual([recounted.readSeq, recounted.unread], [6, 1], 'only 7 is someone else\'s after 6');
  const unknownLog = mergeRoom({ ...known, unread: 2 }, listed, { myId: ME, now: 0 });
  assertDeepEqual([unknownLog.readSeq, unknownLog.unread], [6, 2]);
  const allRead = mergeRoom(room({ lastSeq: 8, readSeq: 8 }), listed, { myId: ME, now: 0 });
  assertDeepEqual([allRead.readSeq, allRead.unread], [8, 0]);
});

test('marking read moves the marker to lastSeq once', () => {
  const r = room({ lastSeq: 7, unread: 2, readSeq: 4 });
  assertEqual(markAllRead(r), 7);
  assertDeepEqual([r.readSeq, r.unread], [7, 0]);
  assertEqual(markAllRead(r), null, 'nothing new to read');
  const stale = room({ lastSeq: 3, readSeq: 3, unread: 1 });
  assertEqual(markAllRead(stale), 3, 'a count left over is cleared');
  assertEqual(stale.unread, 0);
});

test('a read elsewhere clears or recounts the badge, or asks the server', () => {
  const log = new RoomLog();
  [4, 5, 6, 7].forEach((seq) => log.insert(msg(seq)));
  const r = room({ lastSeq: 7, unread: 4, readSeq: 3 });
  assertEqual(applyReadElsewhere(r, 3, log, ME), 'unchanged');
  assertEqual(applyReadElsewhere(r, 5, log, ME), 'counted');
  assertDeepEqual([r.readSeq, r.unread], [5, 2]);
  assertEqual(applyReadElsewhere(r, 9, log, ME), 'counted');
  assertDeepEqual([r.readSeq, r.unread], [9, 0]);
  const far = room({ lastSeq: 20, unread: 10, readSeq: 1 });
  assertEqual(applyReadElsewhere(far, 2, log, ME), 'unknown', 'the log starts at 4');
  assertEqual(far.readSeq, 2);
  assertEqual(far.unread, 10);
});

test('the badge shows up to 99', () => {
  assertEqual(unreadBadge(1), '1');
  assertEqual(unreadBadge(99), '99');
  assertEqual(unreadBadge(100), '99+');
});

test('a system line moves lastSeq but is no one\'s unread, and does not move one\'s read marker', () => {
  const r = room({ lastSeq: 3, readSeq: 3 });
  assertEqual(countLiveMessage(r, { ...msg(4, 'bob'), kind: 'system', text: 'bob joined' }, ME), true);
  assertDeepEqual([r.lastSeq, r.unread, r.readSeq], [4, 0, 3]);
  countLiveMessage(r, { ...msg(5, ME), kind: 'system', text: 'me changed the topic' }, ME);
  assertDeepEqual([r.lastSeq, r.unread, r.readSeq], [5, 0, 3]);
  countLiveMessage(r, msg(6), ME);
  assertEqual(r.unread, 1);
});

test('a message deleted before it arrived is not unread', () => {
  const r = room({ lastSeq: 3, readSeq: 3 });
  countLiveMessage(r, { ...msg(4), deleted: true }, ME);
  assertDeepEqual([r.lastSeq, r.unread], [4, 0]);
});

const deleted = (seq) => ({ type: 'message.deleted', roomId: 'r', seq });
const edited = (seq, text) => ({ type: 'message.edited', roomId: 'r', seq, text, editedAt: '2026-12-02T10:00:00Z' });

test('deleting an unread message lowers the count by one, without asking the server', () => {
  const r = room({ lastSeq: 8, readSeq: 5, unread: 3 });
  assertEqual(applyMessageChange(r, deleted(7), null, ME), true);
  assertEqual(r.unread, 2, 'not held: above the read marker and counted, so it was unread');
  assertEqual(applyMessageChange(r, deleted(4), null, ME), false, 'at or below the read marker: read already');
  assertEqual(applyMessageChange(r, deleted(9), null, ME), false, 'not counted yet (its message arrives deleted)');
  assertEqual(r.unread, 2);
});

test('deleting one\'s own message, a system line, or one already deleted leaves the count', () => {
  const r = room({ lastSeq: 8, readSeq: 5, unread: 2 });
  assertEqual(applyMessageChange(r, deleted(6), msg(6, ME), ME), false);
  assertEqual(applyMessageChange(r, deleted(7), { ...msg(7), kind: 'system' }, ME), false);
  assertEqual(applyMessageChange(r, deleted(8), { ...msg(8), deleted: true }, ME), false);
  assertEqual(r.unread, 2);
  applyMessageChange(r, deleted(8), msg(8), ME);
  assertEqual(r.unread, 1);
  const none = room({ lastSeq: 8, readSeq: 5, unread: 0 });
  applyMessageChange(none, deleted(8), msg(8), ME);
  assertEqual(none.unread, 0, 'never below zero');
});

test('an edit or a deletion of the newest message changes the preview', () => {
  const r = room({ lastSeq: 8, readSeq: 8, lastMessage: { ...msg(8), text: 'old', reactions: { '👍': 1 } } });
  assertEqual(applyMessageChange(r, edited(8, 'new'), null, ME), true);
  assertDeepEqual([r.lastMessage.text, r.lastMessage.editedAt, r.lastMessage.seq], ['new', '2026-12-02T10:00:00Z', 8]);
  assertEqual(applyMessageChange(r, edited(7, 'older'), null, ME), false, 'not the preview');
  assertEqual(applyMessageChange(r, deleted(8), null, ME), true);
  assertDeepEqual([r.lastMessage.deleted, r.lastMessage.text, r.lastMessage.reactions], [true, undefined, undefined]);
  assertEqual(applyMessageChange(r, edited(8, 'back?'), null, ME), false, 'a deleted preview stays deleted');
});

test('the list says a room\'s topic and retention as they are: what it leaves out is none', () => {
  const known = room({ topic: 'tea', retention: { maxAgeDays: 3 }, lastSeq: 2 });
  const merged = mergeRoom(known, { id: 'r', name: 'lounge', kind: 'channel', lastSeq: 2, systemLines: true }, { myId: ME, now: 0 });
  assertDeepEqual([merged.topic, merged.retention, merged.systemLines], [null, null, true]);
  const kept = mergeRoom(known, { id: 'r', name: 'lounge', kind: 'channel', topic: 'tea', retention: { maxMessages: 10 } }, { myId: ME, now: 0 });
  assertDeepEqual([kept.topic, kept.retention], ['tea', { maxMessages: 10 }]);
});
