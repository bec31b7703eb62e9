// Waiting before trying again: the WebSocket's reconnect backoff and the retries of REST calls.
// Pure: randomness and sleeping are passed in (defaults: Math.random, setTimeout); no DOM.

/** The first reconnect waits about this long... */
export const RECONNECT_BASE_MS = 500;
/** ...and no reconnect waits longer than this. */
export const RECONNECT_MAX_MS = 30_000;
/** REST retries wait 1 s, 2 s, 4 s ... */
export const RETRY_BASE_MS = 1000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first after a drop): exponential backoff up to a
 * cap, with jitter in the upper half of it, so that after an outage clients do not all come back in the same second.
 *
 * @param random a function returning a number in [0, 1)
 */
export function reconnectDelay(attempt, random = Math.random, { baseMs = RECONNECT_BASE_MS, maxMs = RECONNECT_MAX_MS } = {}) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** How long to wait after failed attempt `attempt` (1 for the first) of a REST call: 1 s, 2 s, 4 s ... */
export function retryDelay(attempt, baseMs = RETRY_BASE_MS) {
  return baseMs * 2 ** (attempt - 1);
}

function sleep(ms) {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

/**
 * Calls `load` until it succeeds, fails with an error `retryable` refuses, `stillWanted` says no more, or `attempts`
 * tries were made (waiting {@link retryDelay} between them). The last error is thrown.
 */
export async function withRetries(load, { attempts = 4, stillWanted = () => true, retryable = () => true, wait = sleep } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= attempts || !retryable(error) || !stillWanted()) {
        throw error;
      }
      await wait(retryDelay(attempt));
    }
  }
}
