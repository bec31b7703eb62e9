// The signed-in session: access and refresh token, their expiry, the user.
//
// Kept in sessionStorage, not localStorage: each tab holds its own session, so two tabs never race to rotate
// the same refresh token (the server treats a reused refresh token as stolen and ends the session), and the
// tokens are gone when the tab closes. A reload keeps the tab signed in.

const STORAGE_KEY = 'chat.session.v1';
/** Refresh this long before the access token expires, so no request goes out with a token about to lapse. */
const REFRESH_AHEAD_MS = 60_000;

export class SessionEnded extends Error {
  constructor(reason) {
    super(`session ended: ${reason}`);
    this.reason = reason;
  }
}

export class Session extends EventTarget {
  #data = null;
  #refreshing = null;
  #timer = null;

  constructor() {
    super();
    try {
      const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
      if (stored?.accessToken && stored?.refreshToken && stored?.user?.id) {
        this.#data = stored;
        this.#schedule();
      }
    } catch {
      sessionStorage.removeItem(STORAGE_KEY);
    }
  }

  get signedIn() {
    return this.#data !== null;
  }

  get user() {
    return this.#data?.user ?? null;
  }

  /** Takes a token pair from login or refresh. */
  store(pair) {
    this.#data = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresAt: Date.now() + Number(pair.expiresIn ?? 900) * 1000,
      user: pair.user ? { id: pair.user.id, username: pair.user.username } : this.#data?.user,
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.#data));
    this.#schedule();
  }

  /** A token valid for at least `minValidityMs`, refreshed first if needed. */
  async accessToken(minValidityMs = 30_000) {
    if (!this.#data) {
      throw new SessionEnded('signed out');
    }
    if (this.#data.expiresAt - Date.now() < minValidityMs) {
      await this.refresh();
    }
    return this.#data.accessToken;
  }

  /** Swaps the refresh token for a new pair; concurrent callers share one exchange (each token works once). */
  refresh() {
    this.#refreshing ??= this.#exchange().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #exchange() {
    const refreshToken = this.#data?.refreshToken;
    if (!refreshToken) {
      throw new SessionEnded('signed out');
    }
    let response;
    try {
      response = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    } catch (error) {
      // Offline or the server is away: the session may still be good, try again later.
      this.#schedule(15_000);
      throw error;
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      this.end('expired');
      throw new SessionEnded('expired');
    }
    if (!response.ok) {
      this.#schedule(15_000);
      throw new Error(`refresh failed with ${response.status}`);
    }
    this.store(await response.json());
  }

  /** Forgets the tokens and tells listeners (the app goes back to the sign-in screen). */
  end(reason) {
    const wasSignedIn = this.#data !== null;
    this.#data = null;
    clearTimeout(this.#timer);
    sessionStorage.removeItem(STORAGE_KEY);
    if (wasSignedIn) {
      this.dispatchEvent(new CustomEvent('ended', { detail: { reason } }));
    }
  }

  #schedule(delay) {
    clearTimeout(this.#timer);
    if (!this.#data) {
      return;
    }
    const due = delay ?? Math.max(5_000, this.#data.expiresAt - Date.now() - REFRESH_AHEAD_MS);
    this.#timer = setTimeout(() => {
      // A failure is handled where it happens (ended session or a retry already scheduled).
      this.refresh().catch(() => {});
    }, due);
  }
}
