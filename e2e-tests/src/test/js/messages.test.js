import { newClientMsgId, overloadRetryDelay, sendErrorText } from '/app/js/logic/messages.js';
import { assert, assertEqual, test } from './harness.js';

test('a client message id is the time and twelve random bytes in hex', () => {
  const id = newClientMsgId((count) => Uint8Array.from({ length: count }, (_, i) => i * 17), () => 1_700_000_000_000);
  assertEqual(id, `c${(1_700_000_000_000).toString(36)}-00112233445566778899aabb`);
});

test('client message ids are printable ASCII and differ', () => {
  const ids = new Set();
  for (let i = 0; i < 200; i += 1) {
    const id = newClientMsgId();
    assert(/^c[0-9a-z]+-[0-9a-f]{24}$/.test(id), `unexpected id ${id}`);
    ids.add(id);
  }
  assertEqual(ids.size, 200);
});

test('a refused send says why in words', () => {
  assertEqual(sendErrorText('rate_limited', 'x'), 'Too many messages at once. Wait a moment, then retry.');
  assertEqual(sendErrorText('service_unavailable'), 'The server is busy. Retry in a moment.');
  assertEqual(sendErrorText('overloaded'), 'The server is busy. Retry in a moment.');
  assertEqual(sendErrorText('not_a_member'), 'You are not a member of this room.');
  assertEqual(sendErrorText('validation_failed', 'text is at most 4000 characters'), 'text is at most 4000 characters');
  assertEqual(sendErrorText('validation_failed', ''), 'This message cannot be sent.');
  assertEqual(sendErrorText('something_new', 'The server said so.'), 'The server said so.');
  assertEqual(sendErrorText('something_new'), 'Not sent.');
});

test('a send shed as overloaded goes again after the wait asked for, spread by up to a quarter', () => {
  assertEqual(overloadRetryDelay(2000, () => 0), 2000);
  assertEqual(overloadRetryDelay(2000, () => 0.999), 2500);
  assertEqual(overloadRetryDelay(undefined, () => 0), 1000, 'no wait given: a second');
  assertEqual(overloadRetryDelay(-5, () => 0.5), 1125);
});
