import {
  clampWidth, Drag, isColor, isTransientRefusal, isValidStroke, lineWidthPx, MAX_POINTS, newStrokeId, PREVIEW_TTL_MS,
  SketchCanvas, sketchErrorText, toPixels, toSketchPoint,
} from '/app/js/logic/sketch.js';
import { assert, assertDeepEqual, assertEqual, test } from './harness.js';

const ME = 'me';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function stroke(seq, strokeId, userId = 'other') {
  return { type: 'sketch.stroke', roomId: 'r', seq, strokeId, userId, color: '#112233', width: 4, points: [[seq, seq]], createdAt: 't' };
}

function op(type, seq, strokeId, userId = 'other') {
  return { type, roomId: 'r', seq, strokeId, userId };
}

function loaded(snapshot = { seq: 0, strokes: [] }) {
  const canvas = new SketchCanvas();
  canvas.load(snapshot);
  return canvas;
}

function ids(canvas) {
  return canvas.visibleStrokes().map((s) => s.strokeId);
}

function counter() {
  let n = 0;
  return () => {
    n += 1;
    return `s${n}`;
  };
}

test('ops in order are applied once each; a duplicate seq changes nothing', () => {
  const canvas = loaded();
  assert(canvas.apply(stroke(1, 'a')).changed);
  assert(canvas.apply(stroke(2, 'b')).changed);
  const again = canvas.apply(stroke(1, 'a'));
  assertEqual(again.changed, false, 'duplicate');
  assertEqual(again.needResume, false);
  assertEqual(canvas.apply(stroke(2, 'x')).changed, false, 'an older seq with another stroke id is a duplicate too');
  assertEqual(canvas.seq, 2);
  assertDeepEqual(ids(canvas), ['a', 'b']);
  assertEqual(canvas.strokeCount, 2);
});

test('a gap is buffered and asks for one resume from our seq; the missing ops fill it in order', () => {
  const canvas = loaded({ seq: 3, strokes: [] });
  const first = canvas.apply(stroke(6, 'f'));
  assertEqual(first.needResume, true);
  assertEqual(first.afterSeq, 3);
  assertEqual(first.changed, false);
  assertEqual(canvas.seq, 3, 'nothing applied past the gap');
  assertEqual(canvas.apply(stroke(7, 'g')).needResume, false, 'asked once, until resumed');
  assertEqual(canvas.bufferedCount, 2);
  canvas.apply(stroke(4, 'd'));
  assertEqual(canvas.seq, 4);
  const filled = canvas.apply(stroke(5, 'e'));
  assert(filled.changed);
  assertEqual(canvas.seq, 7, 'the buffered ops followed');
  assertDeepEqual(ids(canvas), ['d', 'e', 'f', 'g']);
  assertEqual(canvas.bufferedCount, 0);
  const done = canvas.resumed(7);
  assertEqual(done.needResume, false);
  assertEqual(done.needReload, false);
  assertEqual(canvas.resuming, false);
});

test('a resume that ends short of its own seq asks for a fresh load, and a later gap asks for a resume again', () => {
  const canvas = loaded({ seq: 1, strokes: [stroke(1, 'a')] });
  assert(canvas.apply(stroke(4, 'd')).needResume);
  canvas.apply(stroke(2, 'b'));
  const short = canvas.resumed(4);
  assertEqual(short.needReload, true, 'seq 3 never came');
  assertEqual(canvas.seq, 2);
  canvas.load({ seq: 4, strokes: [stroke(1, 'a'), stroke(2, 'b'), stroke(3, 'c'), stroke(4, 'd')] });
  assertDeepEqual(ids(canvas), ['a', 'b', 'c', 'd']);
  const gap = canvas.apply(stroke(6, 'f'));
  assertEqual(gap.needResume, true, 'the load ended the resume; a new gap asks again');
  assertEqual(gap.afterSeq, 4);
});

test('ops that come before the canvas is loaded wait, and those after its seq apply on top of it', () => {
  const canvas = new SketchCanvas();
  assertEqual(canvas.apply(stroke(2, 'b')).needResume, false, 'not loaded: no resume, the load decides');
  canvas.apply(stroke(3, 'c'));
  canvas.apply(op('sketch.undo', 4, 'a'));
  assertEqual(canvas.strokeCount, 0);
  const result = canvas.load({ seq: 2, strokes: [stroke(1, 'a'), stroke(2, 'b')] });
  assert(result.changed);
  assertEqual(result.needResume, false);
  assertEqual(canvas.seq, 4);
  assertDeepEqual(ids(canvas), ['b', 'c']);
});

test('undo and redo toggle a stroke; clear hides every stroke before it and not those after', () => {
  const canvas = loaded();
  canvas.apply(stroke(1, 'a', ME));
  canvas.apply(stroke(2, 'b'));
  canvas.apply(op('sketch.undo', 3, 'a', ME));
  assertDeepEqual(ids(canvas), ['b']);
  assertEqual(canvas.canUndo(ME), false, 'nothing of mine shows');
  canvas.apply(op('sketch.redo', 4, 'a', ME));
  assertDeepEqual(ids(canvas), ['a', 'b'], 'back in its place, in seq order');
  assert(canvas.canUndo(ME));
  canvas.apply({ type: 'sketch.clear', roomId: 'r', seq: 5, userId: 'other' });
  assertEqual(canvas.strokeCount, 0);
  assertEqual(canvas.canUndo(ME), false, 'cleared');
  canvas.apply(stroke(6, 'c'));
  assertDeepEqual(ids(canvas), ['c']);
  assertEqual(canvas.seq, 6);
});

test('a redo of a stroke undone before the canvas was loaded asks for a fresh load', () => {
  const canvas = loaded({ seq: 3, strokes: [stroke(1, 'a')] });
  const result = canvas.apply(op('sketch.redo', 4, 'gone'));
  assertEqual(result.needReload, true);
  assertEqual(canvas.seq, 4, 'the op is still accounted for');
  assertEqual(canvas.apply(op('sketch.undo', 5, 'never-seen')).changed, false, 'undoing an unknown stroke changes nothing');
});

test('a pending stroke of ones own shows until its ack, which stands for the stored stroke; the echo is then a duplicate', () => {
  const canvas = loaded({ seq: 1, strokes: [stroke(1, 'a')] });
  const mine = { strokeId: 'mine', color: '#ff0000', width: 8, points: [[1, 2], [3, 4]] };
  canvas.addPending(mine, ME);
  assertEqual(canvas.strokeCount, 1, 'pending is not counted as stored');
  assert(canvas.canUndo(ME), 'an undo would reach a stroke sent before it');
  const acked = canvas.acknowledge({ type: 'sketch.ack', roomId: 'r', strokeId: 'mine', seq: 2 }, ME);
  assert(acked.changed);
  assertEqual(canvas.pending.size, 0);
  assertEqual(canvas.seq, 2);
  const stored = canvas.visibleStrokes()[1];
  assertDeepEqual([stored.strokeId, stored.userId, stored.color, stored.width, stored.points], ['mine', ME, '#ff0000', 8, [[1, 2], [3, 4]]]);
  assertEqual(canvas.apply({ ...stroke(2, 'mine', ME) }).changed, false, 'echo after the ack');
  assertEqual(canvas.acknowledge({ strokeId: 'unknown', seq: 3 }, ME).changed, false, 'an ack for nothing pending');
});

test('an ack that overtakes earlier ops waits for them, and the pending stroke shows until then', () => {
  const canvas = loaded();
  canvas.addPending({ strokeId: 'mine', color: '#000000', width: 2, points: [[0, 0]] }, ME);
  const early = canvas.acknowledge({ strokeId: 'mine', seq: 2 }, ME);
  assertEqual(early.needResume, true);
  assertEqual(early.afterSeq, 0);
  assertEqual(canvas.pending.size, 1);
  canvas.apply(stroke(1, 'a'));
  assertDeepEqual(ids(canvas), ['a', 'mine']);
  assertEqual(canvas.pending.size, 0);
  assertEqual(canvas.dropPending('mine'), false);
});

test('a resume after a reconnect starts at the applied seq, and a dropped connection ends it', () => {
  const unloaded = new SketchCanvas();
  assertEqual(unloaded.resumeFrom(), null, 'its load brings everything');
  const canvas = loaded({ seq: 9, strokes: [] });
  assertEqual(canvas.resumeFrom(), 9);
  assert(canvas.resuming);
  assertEqual(canvas.apply(stroke(11, 'k')).needResume, false, 'a resume is under way');
  canvas.connectionLost();
  assertEqual(canvas.resuming, false);
  assertEqual(canvas.apply(stroke(12, 'l')).needResume, true, 'the gap asks again on the next frame');
});

test('a snapshot replaces the canvas and settles pending strokes and previews it contains', () => {
  const canvas = loaded();
  canvas.apply(stroke(1, 'a'));
  canvas.addPending({ strokeId: 'mine', color: '#000000', width: 2, points: [[5, 5]] }, ME);
  canvas.preview({ strokeId: 'theirs', userId: 'other', color: '#00ff00', width: 3, points: [[1, 1]] }, 0);
  const version = canvas.version;
  canvas.load({ seq: 40, strokes: [stroke(38, 'theirs'), { ...stroke(40, 'mine', ME) }] });
  assertDeepEqual(ids(canvas), ['theirs', 'mine'], 'stroke a was cleared in the meantime');
  assertEqual(canvas.pending.size, 0);
  assertEqual(canvas.previews.size, 0);
  assert(canvas.version > version, 'the version moves so a cached drawing is redrawn');
});

test('previews grow with each draw frame, end with the stored stroke, and expire after 5 s without updates', () => {
  const canvas = loaded();
  assert(canvas.preview({ strokeId: 'p', userId: 'u', color: '#123456', width: 5, points: [[1, 1], [2, 2]] }, 1000));
  canvas.preview({ strokeId: 'p', userId: 'u', color: '#123456', width: 5, points: [[3, 3]] }, 2000);
  assertDeepEqual(canvas.previews.get('p').points, [[1, 1], [2, 2], [3, 3]]);
  canvas.preview({ strokeId: 'q', userId: 'v', color: '#123456', width: 5, points: [[9, 9]] }, 2000);
  assertEqual(canvas.expirePreviews(2000 + PREVIEW_TTL_MS - 1), false);
  canvas.apply(stroke(1, 'p'));
  assertEqual(canvas.previews.has('p'), false, 'the stored stroke replaces its preview');
  assertEqual(canvas.preview({ strokeId: 'p', userId: 'u', color: '#123456', width: 5, points: [[4, 4]] }, 2500), false,
    'a late draw frame of a stored stroke is ignored');
  assertEqual(canvas.expirePreviews(2000 + PREVIEW_TTL_MS), true);
  assertEqual(canvas.previews.size, 0);
});

test('a preview frame arriving after its stored stroke was buffered past a gap is dropped when the stroke arrives', () => {
  const canvas = loaded();
  canvas.preview({ strokeId: 'p', userId: 'u', color: '#123456', width: 5, points: [[1, 1]] }, 0);
  canvas.apply(stroke(2, 'p'));
  assertEqual(canvas.previews.has('p'), false, 'gone even though the stroke waits for seq 1');
  assertEqual(canvas.strokeCount, 0);
});

test('a long drag is cut into strokes of at most 2000 points that join without a gap', () => {
  const drag = new Drag({ color: '#000000', width: 3, newId: counter() });
  const finished = [];
  for (let i = 1; i <= 4500; i += 1) {
    const done = drag.add([i, i]);
    if (done) {
      finished.push(done);
    }
  }
  const last = drag.finish();
  finished.push(last);
  assertDeepEqual(finished.map((s) => s.strokeId), ['s1', 's2', 's3']);
  assertDeepEqual(finished.map((s) => s.points.length), [MAX_POINTS, MAX_POINTS, 502]);
  assertDeepEqual(finished[1].points[0], finished[0].points[MAX_POINTS - 1], 'the second starts where the first ended');
  assertDeepEqual(finished[2].points[0], finished[1].points[MAX_POINTS - 1]);
  assertDeepEqual(last.points[last.points.length - 1], [4500, 4500]);
  assert(finished.every((s) => isValidStroke(s)), 'every piece is a stroke the server takes');
});

test('a drag drops repeated points, ends with nothing when only the joint is left, and a tap is a one-point stroke', () => {
  const drag = new Drag({ color: '#000000', width: 3, newId: counter(), maxPoints: 3 });
  assertEqual(drag.add([1, 1]), null);
  assertEqual(drag.add([1, 1]), null);
  assertEqual(drag.add([2, 2]), null);
  assertDeepEqual(drag.add([3, 3]).points, [[1, 1], [2, 2], [3, 3]]);
  assertEqual(drag.finish(), null, 'the new stroke has only the joint');
  const tap = new Drag({ color: '#000000', width: 3, newId: counter() });
  tap.add([7, 7]);
  assertDeepEqual(tap.finish().points, [[7, 7]]);
  assertEqual(new Drag({ color: '#000000', width: 3, newId: counter() }).finish(), null, 'no point, no stroke');
});

test('live previews send the points since the last draw frame, starting over with each new stroke', () => {
  const drag = new Drag({ color: '#abcdef', width: 9, newId: counter(), maxPoints: 4 });
  drag.add([1, 1]);
  drag.add([2, 2]);
  assertDeepEqual(drag.takeUnsent(), { strokeId: 's1', color: '#abcdef', width: 9, points: [[1, 1], [2, 2]] });
  assertEqual(drag.takeUnsent(), null, 'nothing new');
  drag.add([3, 3]);
  drag.add([4, 4]);
  drag.add([5, 5]);
  assertDeepEqual(drag.takeUnsent(), { strokeId: 's2', color: '#abcdef', width: 9, points: [[4, 4], [5, 5]] });
});

test('pixels map to whole units of the 0..10000 square, clamped at its edges, and back', () => {
  assertDeepEqual(toSketchPoint(0, 0, 500), [0, 0]);
  assertDeepEqual(toSketchPoint(250, 125, 500), [5000, 2500]);
  assertDeepEqual(toSketchPoint(33.333, 66.667, 300), [1111, 2222]);
  assertDeepEqual(toSketchPoint(-12, 520, 500), [0, 10000], 'a drag past the edge stays on it');
  assertDeepEqual(toSketchPoint(10, 10, 0), [0, 0], 'a canvas with no size');
  assertDeepEqual(toPixels([5000, 2500], 640), [320, 160]);
  assertEqual(lineWidthPx(10, 500), 5, 'width 10 is 1 % of the side');
  assertEqual(lineWidthPx(200, 1000), 200);
});

test('colours are #rrggbb, widths whole numbers in 1..200, strokes 1..2000 points of the square', () => {
  assert(isColor('#1a2B3c'));
  for (const bad of ['#123', 'red', '#1234567', '123456', '#12345g', null]) {
    assertEqual(isColor(bad), false, String(bad));
  }
  assertDeepEqual([clampWidth(0), clampWidth(1), clampWidth(7.6), clampWidth('12'), clampWidth(999), clampWidth('x', 6)], [1, 1, 8, 12, 200, 6]);
  const ok = { color: '#000000', width: 1, points: [[0, 0], [10000, 10000]] };
  assert(isValidStroke(ok));
  assertEqual(isValidStroke({ ...ok, points: [] }), false, 'no point');
  assertEqual(isValidStroke({ ...ok, points: Array.from({ length: MAX_POINTS + 1 }, (_, i) => [i, i]) }), false, 'too many points');
  assertEqual(isValidStroke({ ...ok, points: [[10001, 0]] }), false, 'outside the square');
  assertEqual(isValidStroke({ ...ok, points: [[1.5, 0]] }), false, 'not whole units');
  assertEqual(isValidStroke({ ...ok, width: 201 }), false, 'too wide');
  assertEqual(isValidStroke({ ...ok, color: 'blue' }), false, 'not #rrggbb');
});

test('stroke ids are version 4 UUIDs, also where crypto.randomUUID is missing', () => {
  assert(UUID_V4.test(newStrokeId()), 'crypto.randomUUID');
  const fixed = newStrokeId((n) => new Uint8Array(n).fill(0xff));
  assertEqual(fixed, 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  assert(UUID_V4.test(newStrokeId((n) => crypto.getRandomValues(new Uint8Array(n)))));
  assert(newStrokeId() !== newStrokeId());
});

test('refusals about the canvas read as what they mean, and only "not now" ones are tried again', () => {
  assertEqual(sketchErrorText({ code: 'not_found', ref: 'sketch.undo' }), 'Nothing to undo.');
  assertEqual(sketchErrorText({ code: 'not_found', ref: 'sketch.redo' }), 'Nothing to redo.');
  assertEqual(sketchErrorText({ code: 'validation_failed', message: 'too many points', ref: 'abc' }), 'too many points');
  assertEqual(sketchErrorText({ code: 'something_new', message: '' }), 'That did not work.');
  assert(isTransientRefusal('rate_limited') && isTransientRefusal('overloaded') && isTransientRefusal('service_unavailable'));
  assertEqual(isTransientRefusal('validation_failed'), false);
  assertEqual(isTransientRefusal('not_a_member'), false);
});

test('a preview never grows past the most points a stroke may have', () => {
  const canvas = loaded();
  const many = Array.from({ length: 1500 }, (_, i) => [i, 0]);
  canvas.preview({ strokeId: 'p', userId: 'u', color: '#000000', width: 1, points: many }, 0);
  canvas.preview({ strokeId: 'p', userId: 'u', color: '#000000', width: 1, points: many }, 1);
  assertEqual(canvas.previews.get('p').points.length, MAX_POINTS);
  canvas.preview({ strokeId: 'q', userId: 'u', color: '#000000', width: 1, points: [...many, ...many] }, 1);
  assertEqual(canvas.previews.get('q').points.length, MAX_POINTS);
});
