/**
 * A figure as a standalone SVG: each of its SVGs cloned with its computed
 * styles inlined (classes and CSS variables mean nothing outside the page),
 * placed where it sits, with the HTML text as <text> and the params in
 * <metadata>. Null where the figure paints a canvas (not vector).
 */
import { flatten, type Flat } from './layers';

const NS = 'http://www.w3.org/2000/svg';

/** The presentation properties an SVG needs to look as it does on the page. */
const PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'paint-order', 'visibility',
] as const;

/** A clone of an on-page SVG with computed styles inlined, sized to its box on the page. */
export function inlineSvg(el: SVGSVGElement, w: number, h: number): SVGSVGElement {
  const clone = el.cloneNode(true) as SVGSVGElement;
  const src = [el, ...el.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((s, i) => {
    const cs = getComputedStyle(s);
    const d = dst[i];
    if (cs.display === 'none') return d.setAttribute('display', 'none');
    d.setAttribute('style', PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
    d.removeAttribute('class');
  });
  clone.setAttribute('xmlns', NS);
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  return clone;
}

/** One SVG document from a flattened figure (null if it has a canvas). */
export function flatToSvg(flat: Flat, metadata: string, title: string): string | null {
  if (flat.layers.some((l) => l.kind === 'canvas')) return null;
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('xmlns', NS);
  root.setAttribute('width', String(Math.round(flat.width)));
  root.setAttribute('height', String(Math.round(flat.height)));
  root.setAttribute('viewBox', `0 0 ${flat.width} ${flat.height}`);
  const t = document.createElementNS(NS, 'title');
  t.textContent = title;
  const meta = document.createElementNS(NS, 'metadata');
  meta.textContent = metadata;
  const bg = document.createElementNS(NS, 'rect');
  for (const [k, v] of [['width', '100%'], ['height', '100%'], ['fill', flat.background]]) bg.setAttribute(k, v);
  root.append(t, meta, bg);
  for (const l of flat.layers) {
    if (l.kind === 'svg') {
      const c = inlineSvg(l.el, l.w, l.h);
      c.setAttribute('x', String(l.x));
      c.setAttribute('y', String(l.y));
      root.append(c);
    } else if (l.kind === 'fill') {
      const r = document.createElementNS(NS, 'rect');
      for (const [k, v] of [['x', l.x], ['y', l.y], ['width', l.w], ['height', l.h], ['fill', l.color]] as const) r.setAttribute(k, String(v));
      root.append(r);
    } else if (l.kind === 'text') {
      const e = document.createElementNS(NS, 'text');
      e.setAttribute('x', String(l.x));
      e.setAttribute('y', String(l.y));
      e.setAttribute('style', `font:${l.font};fill:${l.color};white-space:pre`);
      e.textContent = l.text;
      root.append(e);
    }
  }
  return new XMLSerializer().serializeToString(root);
}

/** The figure element as an SVG string, or null where it is not vector. */
export function figureSvg(figure: Element, metadata: string, title: string): string | null {
  return flatToSvg(flatten(figure), metadata, title);
}
