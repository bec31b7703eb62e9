import {
  RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelay, retryDelay, withRetries,
} from '/app/js/logic/backoff.js';
import { assertBetween, assertDeepEqual, assertEqual, assertRejects, test } from './harness.js';

const LOWEST = () => 0;
const HIGHEST = () => 0.999999;

test('reconnect delays double with each attempt', () => {
  assertEqual(RECONNECT_BASE_MS, 500);
  const lows = [0, 1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, LOWEST));
  assertDeepEqual(lows, [250, 500, 1000, 2000, 4000], 'lower bound: half the ceiling');
  const highs = [0, 1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, HIGHEST));
  assertDeepEqual(highs, [500, 1000, 2000, 4000, 8000], 'upper bound: the ceiling');
});

test('reconnect delays stop growing at the cap', () => {
  assertEqual(RECONNECT_MAX_MS, 30_000);
  for (const attempt of [6, 7, 10, 50, 2000]) {
    assertEqual(reconnectDelay(attempt, HIGHEST), 30_000, `attempt ${attempt}, highest`);
    assertEqual(reconnectDelay(attempt, LOWEST), 15_000, `attempt ${attempt}, lowest`);
  }
  assertEqual(reconnectDelay(5, HIGHEST), 16_000, 'attempt 5 is still under the cap');
});

test('reconnect jitter spreads over the upper half of the ceiling and follows the random source', () => {
  assertEqual(reconnectDelay(3, () => 0.5), 3000);
  assertEqual(reconnectDelay(3, () => 0.25), 2500);
  const seen = new Set();
  // mulberry32, seeded: deterministic, so a failure can be replayed
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < 500; i += 1) {
    const delay = reconnectDelay(4, random);
    assertBetween(delay, 4000, 8000, `attempt 4, draw ${i}`);
    assertEqual(delay, Math.round(delay), 'whole milliseconds');
    seen.add(delay);
  }
  assertBetween(seen.size, 100, 500, 'distinct delays (jitter, not one value)');
});

test('reconnect backoff takes its base and cap as options', () => {
  assertEqual(reconnectDelay(2, HIGHEST, { baseMs: 100, maxMs: 300 }), 300);
  assertEqual(reconnectDelay(1, LOWEST, { baseMs: 100, maxMs: 300 }), 100);
});

test('REST retries wait 1 s, 2 s, 4 s', () => {
  assertDeepEqual([1, 2, 3, 4].map((attempt) => retryDelay(attempt)), [1000, 2000, 4000, 8000]);
});

function failing(times, error, value = 'ok') {
  let calls = 0;
  const load = async () => {
    calls += 1;
    if (calls <= times) {
      throw error;
    }
    return value;
  };
  return { load, calls: () => calls };
}

test('withRetries tries again after retryable errors, waiting longer each time', async () => {
  const waits = [];
  const source = failing(2, new Error('busy'));
  const value = await withRetries(source.load, { attempts: 4, wait: async (ms) => waits.push(ms) });
  assertEqual(value, 'ok');
  assertEqual(source.calls(), 3);
  assertDeepEqual(waits, [1000, 2000]);
});

test('withRetries gives up after its attempts with the last error', async () => {
  const waits = [];
  const busy = new Error('still busy');
  const source = failing(10, busy);
  const error = await assertRejects(() => withRetries(source.load, { attempts: 3, wait: async (ms) => waits.push(ms) }));
  assertEqual(error, busy);
  assertEqual(source.calls(), 3);
  assertDeepEqual(waits, [1000, 2000]);
});

test('withRetries does not retry what retryable refuses, nor what is no longer wanted', async () => {
  const fatal = new Error('forbidden');
  const refused = failing(5, fatal);
  const waits = [];
  const wait = async (ms) => waits.push(ms);
  assertEqual(await assertRejects(() => withRetries(refused.load, { retryable: (e) => e !== fatal, wait })), fatal);
  assertEqual(refused.calls(), 1);
  const unwanted = failing(5, new Error('busy'));
  await assertRejects(() => withRetries(unwanted.load, { stillWanted: () => false, wait }));
  assertEqual(unwanted.calls(), 1);
  assertDeepEqual(waits, []);
});
