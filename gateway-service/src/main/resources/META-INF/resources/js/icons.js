// A few line icons as SVG built with DOM calls (no markup strings, nothing for the CSP to allow).

const SVG = 'http://www.w3.org/2000/svg';

const PATHS = {
  hash: ['M5 9h14', 'M4 15h14', 'M10 3 8 21', 'M16 3l-2 18'],
  lock: ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3'],
  plus: ['M12 5v14', 'M5 12h14'],
  search: ['M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z', 'M15.5 15.5 20 20'],
  send: ['M4 12 20 4l-5 16-3.5-6.5z', 'M11.5 13.5 20 4'],
  users: ['M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z', 'M2.5 20c.6-3.6 3.2-6 6.5-6s5.9 2.4 6.5 6', 'M16 4.3a3.5 3.5 0 0 1 0 6.4', 'M18.5 14.5c1.6.9 2.7 2.8 3 5.5'],
  logout: ['M10 5H5v14h5', 'M15 8l4 4-4 4', 'M19 12H9'],
  back: ['M15 5l-7 7 7 7'],
  more: ['M5 12h1', 'M11.5 12h1', 'M18 12h1'],
  message: ['M4 5h16v11H9l-5 4z'],
  close: ['M6 6l12 12', 'M18 6 6 18'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  clock: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 7v5l3 2'],
  alert: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 7.5v6', 'M12 16.5h.01'],
  retry: ['M4 12a8 8 0 0 1 14-5.3L20 9', 'M20 4v5h-5', 'M20 12a8 8 0 0 1-14 5.3L4 15', 'M4 20v-5h5'],
  door: ['M14 4H6v16h8', 'M10 12h10', 'M17 9l3 3-3 3'],
  trash: ['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3'],
  link: ['M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'],
  inbox: ['M4 13l2-8h12l2 8v6H4z', 'M4 13h5l1 2h4l1-2h5'],
  pen: ['M4 20l1-4L16 5l3 3L8 19z', 'M14 7l3 3'],
  undo: ['M9 14 4 9l5-5', 'M4 9h10a5.5 5.5 0 0 1 0 11h-3'],
  redo: ['M15 14l5-5-5-5', 'M20 9H10a5.5 5.5 0 0 0 0 11h3'],
  download: ['M12 4v11', 'M7 10l5 5 5-5', 'M5 20h14'],
  smile: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M8.5 14a4.5 4.5 0 0 0 7 0', 'M9 9.5h.01', 'M15 9.5h.01'],
  settings: ['M4 7h10', 'M18 7h2', 'M4 17h2', 'M10 17h10', 'M14 4.5v5', 'M6 14.5v5'],
  latest: ['M12 5v14', 'M6 13l6 6 6-6'],
  paperclip: ['M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4L15 6.9'],
  image: ['M4 5h16v14H4z', 'M4 16l5-5 4 4 2-2 5 5', 'M15.5 9.5h.01'],
};

/** An icon, hidden from assistive technology (its button carries the label). */
export function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of PATHS[name] ?? []) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
