// The full-size image of an attachment, in a modal dialog: fetched with the token when it opens, shown through a blob
// URL that is revoked when it closes (Escape, the close button, a click outside); its dimensions, size and type, and a
// link that downloads it under its file name. Focus goes back to the thumbnail it was opened from.

import { h, openDialog } from '../dom.js';
import { attachmentCaption, attachmentFilename, dimensions } from '../logic/attachments.js';

/**
 * @param attachment {attachmentId, contentType, size, width, height}
 * @param sender the username of who sent it
 * @param load () => Promise<Blob>: the original image (ApiError 403/404 when no longer one's to see)
 * @param trigger the thumbnail it was opened from (focused again on close; or, if it was re-drawn meanwhile, its twin)
 */
export function imageViewer({ attachment, sender, load, trigger }) {
  let url = null;
  let open = true;
  const width = attachment.width > 0 ? attachment.width : 480;
  const height = attachment.height > 0 ? attachment.height : 360;
  const img = h('img', {
    class: 'viewer-image', testid: 'viewer-image', alt: `Image from ${sender}${dimensions(attachment) ? `, ${dimensions(attachment)}` : ''}`,
    width, height,
  });
  const frame = h('div', { class: 'viewer-frame', dataset: { state: 'loading' } }, img);
  // As wide as the image, the dialog or 70 % of the screen's height allows, whichever is least, at the image's ratio.
  frame.style.width = `min(100%, ${width}px, calc(70dvh * ${width} / ${height}))`;
  frame.style.aspectRatio = `${width} / ${height}`;
  const status = h('p', { class: 'viewer-status', testid: 'viewer-status', role: 'status' }, 'Loading the image…');
  const download = h('a', { class: 'button small', testid: 'viewer-download', hidden: true }, 'Download');
  const caption = h('p', { class: 'viewer-caption', testid: 'viewer-caption' }, attachmentCaption(attachment));

  const { dialog } = openDialog({
    title: `Image from ${sender}`,
    testid: 'image-viewer',
    build: () => h('div', { class: 'dialog-body viewer-body' }, frame, status,
      h('div', { class: 'viewer-foot' }, caption, download)),
    onClose: () => {
      open = false;
      if (url) {
        URL.revokeObjectURL(url);
      }
      const target = trigger?.isConnected ? trigger
        : document.querySelector(`[data-testid=attachment-thumb][data-attachment-id="${CSS.escape(attachment.attachmentId)}"]`);
      target?.focus();
    },
  });
  dialog.classList.add('viewer');

  load().then((blob) => {
    if (!open) {
      return;
    }
    url = URL.createObjectURL(blob);
    img.addEventListener('load', () => {
      frame.dataset.state = 'loaded';
      img.dataset.state = 'loaded';
      status.textContent = '';
    }, { once: true });
    img.addEventListener('error', () => {
      frame.dataset.state = 'failed';
      status.textContent = 'The image could not be shown.';
    }, { once: true });
    img.src = url;
    download.href = url;
    download.download = attachmentFilename(attachment);
    download.hidden = false;
  }, (error) => {
    if (open) {
      frame.dataset.state = 'failed';
      status.textContent = error?.status === 403 || error?.status === 404
        ? 'This image is unavailable.' : 'The image could not be loaded. Close and try again.';
    }
  });
  return dialog;
}
