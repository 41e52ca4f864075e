/**
 * A figure as a flat list of what it paints, in DOM (paint) order and in
 * pixels relative to the figure: its SVGs and canvases, the backgrounds of
 * HTML boxes, and its HTML text as lines with their font. Both the PNG and
 * the SVG export draw from this list, so they show the same thing.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export type Layer =
  | ({ kind: 'svg'; el: SVGSVGElement } & Box)
  | ({ kind: 'canvas'; el: HTMLCanvasElement } & Box)
  | ({ kind: 'fill'; color: string } & Box)
  | { kind: 'text'; text: string; x: number; y: number; font: string; size: number; color: string };

export interface Flat {
  width: number;
  height: number;
  background: string;
  layers: Layer[];
}

/** Elements the export leaves out (its own menu, the keep buttons). */
export const SKIP = '[data-export-ui]';

const clear = (c: string) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);

/** The colour behind an element: its own background or its nearest ancestor's. */
export function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (!clear(c)) return c;
  }
  return '#ffffff';
}

/** The visible lines of one text node, each with its left edge and baseline. */
function textLines(node: Text, origin: DOMRect, out: Layer[]) {
  const parent = node.parentElement!;
  const cs = getComputedStyle(parent);
  const size = parseFloat(cs.fontSize) || 12;
  const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const range = document.createRange();
  let line: { start: number; end: number; left: number; top: number; bottom: number } | null = null;
  const flush = () => {
    if (!line) return;
    const text = node.data.slice(line.start, line.end).replace(/\s+/g, ' ');
    // a range's box is the font's content area: the baseline sits about a quarter em above its bottom
    out.push({ kind: 'text', text, x: line.left - origin.left, y: line.bottom - 0.24 * size - origin.top, font, size, color: cs.color });
    line = null;
  };
  for (const m of node.data.matchAll(/\S+/g)) {
    range.setStart(node, m.index!);
    range.setEnd(node, m.index! + m[0].length);
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (line && Math.abs(r.top - line.top) < size * 0.5) {
      line.end = m.index! + m[0].length;
      line.bottom = Math.max(line.bottom, r.bottom);
    } else {
      flush();
      line = { start: m.index!, end: m.index! + m[0].length, left: r.left, top: r.top, bottom: r.bottom };
    }
  }
  flush();
}

function visit(el: Element, origin: DOMRect, out: Layer[], root: boolean) {
  if (el.matches(SKIP)) return;
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return;
  const r = el.getBoundingClientRect();
  const box = { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
  if (el instanceof SVGSVGElement) {
    if (r.width > 0 && r.height > 0) out.push({ kind: 'svg', el, ...box });
    return;
  }
  if (el instanceof HTMLCanvasElement) {
    if (r.width > 0 && r.height > 0 && el.width > 0 && el.height > 0) out.push({ kind: 'canvas', el, ...box });
    return;
  }
  if (!root && !clear(cs.backgroundColor) && r.width > 0 && r.height > 0) out.push({ kind: 'fill', color: cs.backgroundColor, ...box });
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) textLines(child as Text, origin, out);
    else if (child instanceof Element) visit(child, origin, out, false);
  }
}

/** Flattens a figure element (the [data-figure] box) into layers. */
export function flatten(figure: Element): Flat {
  const origin = figure.getBoundingClientRect();
  const layers: Layer[] = [];
  visit(figure, origin, layers, true);
  return { width: origin.width, height: origin.height, background: backgroundOf(figure), layers };
}
