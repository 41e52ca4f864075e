/**
 * Chart text in screen pixels: an SVG with a viewBox scales its text with its
 * width, so a narrow chart's ticks turn tiny and a projector's huge. This sets
 * `--px` (viewBox units per screen pixel) on the SVG, and the stylesheet sizes
 * chart text as `var(--tick) * var(--px)`: 12 px ticks on a laptop, 11 on a
 * phone, 19 in presenter mode, whatever the chart's width. Only text changes
 * size, never a box, so it moves nothing on the page.
 */
import { useLayoutEffect, useRef, type RefObject, type SVGProps } from 'react';

function update(svg: SVGSVGElement): void {
  const vb = svg.viewBox?.baseVal;
  const w = svg.getBoundingClientRect().width;
  if (!vb || !vb.width || !w) return;
  // a viewBox that meets a capped height is scaled by the smaller of the two ratios
  const h = svg.getBoundingClientRect().height;
  const scale = Math.min(w / vb.width, h && vb.height ? h / vb.height : Infinity);
  const px = (1 / scale).toFixed(3);
  if (svg.style.getPropertyValue('--px') !== px) svg.style.setProperty('--px', px);
}

/** Keeps `--px` of the SVG that holds `ref` (the SVG itself or any element inside it) current. */
export function useTextScale(ref: RefObject<SVGElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    const svg = el instanceof SVGSVGElement ? el : el?.ownerSVGElement;
    if (!svg) return;
    update(svg);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => update(svg));
    ro.observe(svg);
    return () => ro.disconnect();
  }, [ref]);
}

/** An <svg> whose chart text keeps its pixel size (see useTextScale). */
export function ScaledSvg(props: SVGProps<SVGSVGElement>) {
  const ref = useRef<SVGSVGElement>(null);
  useTextScale(ref);
  return <svg ref={ref} {...props} />;
}
