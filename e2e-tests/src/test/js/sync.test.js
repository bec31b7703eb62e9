import { RoomLog } from '/app/js/logic/room-log.js';
import {
  GAP_PAGE_MAX, jumpRequests, madeNoProgress, nextHistoryFetch, planResume, REREAD_MAX, REREAD_PAGE, rereadRequests, resumePosition,
  timelineEntries,
} from '/app/js/logic/sync.js';
import { assertDeepEqual, assertEqual, test } from './harness.js';

function logWith(seqs, { loaded = true } = {}) {
  const log = new RoomLog();
  seqs.forEach((seq) => log.insert({ seq, sender: { id: 'x' } }));
  log.loaded = loaded;
  return log;
}

function seqsFrom(first, last) {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

test('a hole is fetched first, as exactly the missing seqs', () => {
  assertDeepEqual(nextHistoryFetch(logWith([1, 2, 7, 8]), 20), { afterSeq: 2, limit: 4 });
});

test('a hole is fetched even while resuming', () => {
  assertDeepEqual(nextHistoryFetch(logWith([1, 4]), 4, { resuming: true }), { afterSeq: 1, limit: 2 });
});

test('without a hole the tail up to the room\'s lastSeq is fetched', () => {
  assertDeepEqual(nextHistoryFetch(logWith([1, 2, 3]), 10), { afterSeq: 3, limit: 7 });
});

test('the tail is not fetched while a resume brings it', () => {
  assertEqual(nextHistoryFetch(logWith([1, 2, 3]), 10, { resuming: true }), null);
});

test('nothing is fetched when the log is whole up to lastSeq', () => {
  assertEqual(nextHistoryFetch(logWith([1, 2, 3]), 3), null);
  assertEqual(nextHistoryFetch(logWith([]), 0), null);
});

test('an empty log fetches the room from the start', () => {
  assertDeepEqual(nextHistoryFetch(logWith([]), 5), { afterSeq: 0, limit: 5 });
});

test('big holes and tails are fetched a page at a time', () => {
  assertEqual(GAP_PAGE_MAX, 200);
  assertDeepEqual(nextHistoryFetch(logWith([1, 1000]), 1000), { afterSeq: 1, limit: 200 });
  assertDeepEqual(nextHistoryFetch(logWith([1]), 5000), { afterSeq: 1, limit: 200 });
  assertDeepEqual(nextHistoryFetch(logWith([1]), 5000, { pageMax: 10 }), { afterSeq: 1, limit: 10 });
});

test('resume starts at lastSeq, or before the first hole of an opened log', () => {
  assertEqual(resumePosition({ id: 'r', lastSeq: 9 }, undefined), 9, 'never opened');
  assertEqual(resumePosition({ id: 'r', lastSeq: 9 }, logWith([1, 2, 3, 9])), 3, 'hole after 3');
  assertEqual(resumePosition({ id: 'r', lastSeq: 9 }, logWith([1, 2, 3, 9], { loaded: false })), 9, 'not loaded yet');
  assertEqual(resumePosition({ id: 'r', lastSeq: 9 }, logWith([7, 8, 9])), 9, 'no hole');
});

test('a welcome asks to resume only the rooms the server has more of', () => {
  const rooms = new Map([
    ['a', { id: 'a', lastSeq: 5 }],
    ['b', { id: 'b', lastSeq: 7 }],
    ['c', { id: 'c', lastSeq: 9 }],
  ]);
  const logs = new Map([['c', logWith([1, 2, 6, 7, 8, 9])]]);
  const plan = planResume([{ roomId: 'a', lastSeq: 8 }, { roomId: 'b', lastSeq: 7 }, { roomId: 'c', lastSeq: 9 }], rooms, logs);
  // c is up to date by lastSeq but has a hole after 2: it resumes from there.
  assertDeepEqual(plan, { positions: { a: 5, c: 2 }, membershipChanged: false });
});

test('a welcome with a room the client does not know, or without one it knows, changes membership', () => {
  const rooms = new Map([['a', { id: 'a', lastSeq: 1 }]]);
  const unknown = planResume([{ roomId: 'a', lastSeq: 1 }, { roomId: 'z', lastSeq: 4 }], rooms, new Map());
  assertDeepEqual(unknown, { positions: {}, membershipChanged: true });
  const gone = planResume([], rooms, new Map());
  assertDeepEqual(gone, { positions: {}, membershipChanged: true });
  const swapped = planResume([{ roomId: 'z', lastSeq: 4 }], rooms, new Map());
  assertEqual(swapped.membershipChanged, true);
});

test('the timeline is the messages in seq order, then pending sends, each with its key', () => {
  const log = logWith([3, 1, 2]);
  log.pending.set('c1', { clientMsgId: 'c1', status: 'pending' });
  log.pending.set('c0', { clientMsgId: 'c0', status: 'failed' });
  const keys = timelineEntries(log).map((entry) => entry.key);
  assertDeepEqual(keys, ['s1', 's2', 's3', 'pc1:pending', 'pc0:failed']);
  const entries = timelineEntries(log);
  assertEqual(entries[0].message.seq, 1);
  assertEqual(entries[3].pending.clientMsgId, 'c1');
});

test('a window short of the newest message (after a jump) fills its holes but not the tail', () => {
  const log = logWith([10, 11, 14]);
  log.hasMoreAfter = true;
  assertDeepEqual(nextHistoryFetch(log, 100), { afterSeq: 11, limit: 2 });
  const whole = logWith([10, 11, 12]);
  whole.hasMoreAfter = true;
  assertEqual(nextHistoryFetch(whole, 100), null);
  whole.hasMoreAfter = false;
  assertDeepEqual(nextHistoryFetch(whole, 100), { afterSeq: 12, limit: 88 });
});

test('a jump reads the page ending at the message and the page after it', () => {
  assertDeepEqual(jumpRequests(40), [{ beforeSeq: 41, limit: 25 }, { afterSeq: 40, limit: 25 }]);
  assertDeepEqual(jumpRequests(1, 10), [{ beforeSeq: 2, limit: 10 }, { afterSeq: 1, limit: 10 }]);
});

test('a gap page that brought nothing new is not asked for again', () => {
  assertEqual(madeNoProgress(5, 5, { messages: [{ seq: 60 }] }), true, 'only messages already held');
  assertEqual(madeNoProgress(5, 5, { messages: [] }), true);
  assertEqual(madeNoProgress(5, 9, { messages: [{ seq: 6 }] }), false);
});

test('after a reconnect a small window is read again whole, in pages forward', () => {
  assertDeepEqual(rereadRequests(logWith([11, 12, 13])), { from: 11, to: 13, requests: [{ afterSeq: 10, limit: 3 }] });
  assertDeepEqual(rereadRequests(logWith(seqsFrom(1, 50))), { from: 1, to: 50, requests: [{ afterSeq: 0, limit: 50 }] });
  assertDeepEqual(rereadRequests(logWith(seqsFrom(26, 100))), {
    from: 26, to: 100, requests: [{ afterSeq: 25, limit: 50 }, { afterSeq: 75, limit: 25 }],
  });
  assertDeepEqual(rereadRequests(logWith(seqsFrom(1, 100))).requests, [{ afterSeq: 0, limit: 50 }, { afterSeq: 50, limit: 50 }]);
  assertEqual(REREAD_MAX, 100);
  assertEqual(REREAD_PAGE, 50);
});

test('a window larger than the re-read reads its newest messages, or the ones around the message on screen', () => {
  const big = logWith(seqsFrom(1, 300));
  assertDeepEqual(rereadRequests(big).requests, [{ afterSeq: 200, limit: 50 }, { afterSeq: 250, limit: 50 }]);
  assertDeepEqual(rereadRequests(big, { anchorSeq: null }), rereadRequests(big));
  const middle = rereadRequests(big, { anchorSeq: 150 });
  assertDeepEqual([middle.from, middle.to], [101, 200]);
  assertDeepEqual(middle.requests, [{ afterSeq: 100, limit: 50 }, { afterSeq: 150, limit: 50 }]);
  const top = rereadRequests(big, { anchorSeq: 10 });
  assertDeepEqual([top.from, top.to], [1, 100]);
  const bottom = rereadRequests(big, { anchorSeq: 290 });
  assertDeepEqual([bottom.from, bottom.to], [201, 300]);
  const outside = rereadRequests(big, { anchorSeq: 9999 });
  assertDeepEqual([outside.from, outside.to], [201, 300], 'an anchor outside the window is its nearest end');
  const odd = rereadRequests(big, { anchorSeq: 150, max: 7, pageMax: 3 });
  assertDeepEqual([odd.from, odd.to], [147, 153]);
  assertDeepEqual(odd.requests, [{ afterSeq: 146, limit: 3 }, { afterSeq: 149, limit: 3 }, { afterSeq: 152, limit: 1 }]);
});

test('an empty window reads nothing again', () => {
  assertEqual(rereadRequests(logWith([])), null);
  assertEqual(rereadRequests({ minSeq: null, maxSeq: null }), null);
  assertDeepEqual(rereadRequests(logWith([7])).requests, [{ afterSeq: 6, limit: 1 }]);
});
