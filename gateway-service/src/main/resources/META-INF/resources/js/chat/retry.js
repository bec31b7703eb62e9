// Which failed REST calls are worth trying again, and trying them again.

import { ApiError } from '../api.js';
import { withRetries as retrying } from '../logic/backoff.js';

/** Worth trying again: no answer at all, or the contract's 503 service_unavailable (a service was slow). */
export function isTransient(error) {
  return error instanceof ApiError && (error.status === 0 || error.status === 503);
}

/** Calls `load` until it succeeds, a non-transient error, or `attempts` tries (1 s, 2 s, 4 s ... between them). */
export function withRetries(load, { attempts = 4, stillWanted = () => true } = {}) {
  return retrying(load, { attempts, stillWanted, retryable: isTransient });
}
