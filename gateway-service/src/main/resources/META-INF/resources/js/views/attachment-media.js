// Images in the message log. The API serves them only with a token, so an <img src> cannot name them: each thumbnail
// is fetched (with the Authorization header) when it comes near the log's view, and shown through a blob: URL. Every
// blob URL belongs to one <img> on screen and is revoked when that image leaves the page (its message re-drawn,
// dropped, or the room switched): nothing outlives what is on screen, so a member who left loses the images at the
// next fetch (the HTTP cache revalidates each one). Boxes take the thumbnail's size before it loads: the log does not
// jump.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { attachmentAlt, attachmentsOf, displaySize, thumbnailBox } from '../logic/attachments.js';

/** Thumbnails start loading this far before they scroll into view. */
const AHEAD = '400px 0px';

export class MediaLoader {
  #fetch;
  #observer = null;

  /**
   * @param root the scrolling element the images are in
   * @param fetch (attachmentId, variant) => Promise<Blob>, rejecting with an ApiError (status 403/404: unavailable)
   */
  constructor({ root, fetch }) {
    this.#fetch = fetch;
    if (typeof IntersectionObserver === 'function') {
      this.#observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) {
            this.#load(entry.target);
          }
        }
      }, { root, rootMargin: AHEAD });
    }
  }

  /** An <img data-attachment-id data-variant> to load once near the view. */
  observe(img) {
    if (this.#observer) {
      this.#observer.observe(img);
    } else {
      requestAnimationFrame(() => this.#load(img));
    }
  }

  /** Shows a local file (one's own image, not yet sent) in an <img>; released like the others. */
  local(img, blob) {
    if (blob instanceof Blob) {
      show(img, URL.createObjectURL(blob));
    }
  }

  async #load(img) {
    this.#observer?.unobserve(img);
    if (img.dataset.state || img.dataset.released) {
      return;
    }
    img.dataset.state = 'loading';
    try {
      const blob = await this.#fetch(img.dataset.attachmentId, img.dataset.variant);
      // Gone from the page meanwhile (re-drawn, scrolled away with its room): no URL is made for it.
      if (img.isConnected && !img.dataset.released) {
        show(img, URL.createObjectURL(blob));
      }
    } catch (error) {
      if (img.isConnected && !img.dataset.released) {
        unavailable(img, error?.status === 403 || error?.status === 404);
      }
    }
  }

  /**
   * A message drawn anew (an edit, a reaction), or one's own send now stored: its images move to the new drawing as
   * they are, with their blob URLs, so they neither flicker nor load again (a send's local files stand in for its
   * thumbnails while it stays on screen). What does not move is released.
   */
  adopt(from, to) {
    const loaded = new Map();
    for (const img of from.querySelectorAll('img[data-blob]')) {
      const local = img.dataset.localId !== undefined;
      loaded.set(`${local ? 'thumbnail' : img.dataset.variant}:${local ? img.dataset.localId : img.dataset.attachmentId}`, img);
    }
    for (const img of to.querySelectorAll('img[data-attachment-id]')) {
      const old = loaded.get(`${img.dataset.variant}:${img.dataset.attachmentId}`);
      if (old && !img.dataset.blob) {
        this.#observer?.unobserve(img);
        img.dataset.state = 'loading';
        show(img, old.src);
        delete old.dataset.blob;
        old.removeAttribute('src');
      }
    }
    this.release(from);
  }

  /** Everything under `root` leaves the page: its blob URLs are revoked and nothing more loads for it. */
  release(root) {
    for (const img of root.querySelectorAll('img[data-attachment-id], img[data-local]')) {
      this.#observer?.unobserve(img);
      img.dataset.released = 'true';
      if (img.dataset.blob) {
        URL.revokeObjectURL(img.src);
        delete img.dataset.blob;
        img.removeAttribute('src');
      }
    }
  }

  disconnect() {
    this.#observer?.disconnect();
  }
}

function show(img, url) {
  img.dataset.blob = 'true';
  img.addEventListener('load', () => {
    img.dataset.state = 'loaded';
    img.closest('.attachment-thumb')?.setAttribute('data-state', 'loaded');
  }, { once: true });
  img.addEventListener('error', () => unavailable(img, false), { once: true });
  img.src = url;
}

function unavailable(img, gone) {
  img.dataset.state = gone ? 'unavailable' : 'failed';
  const thumb = img.closest('.attachment-thumb');
  if (thumb) {
    thumb.dataset.state = img.dataset.state;
    thumb.querySelector('.attachment-missing-text').textContent = gone ? 'Image unavailable' : 'Image not loaded';
  }
}

/**
 * The images of a stored message: a thumbnail each, at its own size, that opens the viewer (`open(attachment,
 * message, button)`); `media` loads them. Null when the message has none.
 */
export function attachmentGallery(message, media, open) {
  const attachments = attachmentsOf(message);
  if (attachments.length === 0) {
    return null;
  }
  const sender = message.sender?.username ?? 'unknown';
  const box = thumbnailBox(attachments.length);
  return h('div', { class: 'attachments', testid: 'attachments' }, attachments.map((attachment) => {
    const img = thumbnailImage(attachment, sender, 'thumbnail', box);
    const button = h('button', {
      type: 'button', class: 'attachment-thumb', testid: 'attachment-thumb', title: 'Open full size',
      dataset: { attachmentId: attachment.attachmentId }, onClick: () => open(attachment, message, button),
    }, img, missing());
    sized(button, attachment, box);
    media.observe(img);
    return button;
  }));
}

/** The images of one's own message still sending: previews of the local files (nothing to open yet). */
export function pendingGallery(pending, me, media) {
  const attachments = pending.attachments ?? [];
  if (attachments.length === 0) {
    return null;
  }
  const box = thumbnailBox(attachments.length);
  return h('div', { class: 'attachments', testid: 'attachments' }, attachments.map((attachment) => {
    const img = thumbnailImage(attachment, me.username, null, box);
    img.dataset.local = 'true';
    img.dataset.localId = attachment.attachmentId;
    const thumb = h('div', { class: 'attachment-thumb', testid: 'attachment-thumb' }, img, missing());
    sized(thumb, attachment, box);
    media.local(img, pending.files?.get(attachment.attachmentId));
    return thumb;
  }));
}

function thumbnailImage(attachment, sender, variant, box) {
  const { width, height } = displaySize(attachment, box);
  return h('img', {
    alt: attachmentAlt(sender, attachment), width, height, decoding: 'async', testid: 'attachment-image',
    dataset: variant ? { attachmentId: attachment.attachmentId, variant } : {},
  });
}

/** What shows while the image is not there: an outline of one, and once it failed, why. */
function missing() {
  return h('span', { class: 'attachment-missing' }, icon('image'), h('span', { class: 'attachment-missing-text', testid: 'attachment-missing' }));
}

/** The box takes the thumbnail's size (scaled to the bubble on narrow screens) before anything loads. */
function sized(thumb, attachment, box) {
  const { width, height } = displaySize(attachment, box);
  thumb.style.width = `${width}px`;
  thumb.style.aspectRatio = `${width} / ${height}`;
}
