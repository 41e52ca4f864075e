import { useLayoutEffect, useRef, type ReactNode } from 'react';

/** Narrowest the content column gets (a share of the box) before the rest is made up by zoom. */
const MIN_WIDTH = 0.35;

/**
 * Makes its content fit the box's height, never enlarging it: presenter
 * mode's guarantee that a scene fits the screen without scrolling, whatever
 * figures the lesson shows. CSS zoom first (text, and figures capped in vh);
 * where figures sized by their width keep it too tall, the content column is
 * narrowed (centred) until it fits, and zoomed for what is left. It runs in an
 * animation frame, not inside the ResizeObserver callback, so resizing cannot
 * loop; a resize that only reports our own change is ignored.
 */
export function FitBox({ children, className, minZoom = 0, onTooDense }: { children: ReactNode; className?: string; /** below this zoom, ask for less content first */ minZoom?: number; /** called when the content needs a zoom below minZoom; returns whether it took something away (then the box fits again) */ onTooDense?: () => boolean }) {
  const dense = useRef(onTooDense);
  dense.current = onTooDense;
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    let raf = 0;
    let seen = { room: -1, width: -1, height: -1 };
    const fit = () => {
      raf = 0;
      i.style.zoom = '';
      i.style.maxWidth = '';
      const room = o.clientHeight;
      const full = o.clientWidth;
      let width = full;
      let h = i.getBoundingClientRect().height;
      let z = 1;
      if (h > room && room > 0) {
        // zoom first: it shrinks text and figures capped in vh; figures sized by their width keep their size under zoom
        // a few rounds: the parts sized by their width do not shrink under zoom, the rest does
        const floor = Math.max(0.3, minZoom);
        for (let k = 0; k < 4 && h > room + 1 && z > floor; k++) {
          z = Math.max(floor, Math.floor(z * (room / h) * 100) / 100);
          i.style.zoom = String(z);
          h = i.getBoundingClientRect().height;
        }
        // a projector shows fewer figures rather than shrunken ones: the box refits once the content has changed
        if (h > room + 1 && minZoom > 0 && dense.current?.()) {
          seen = { room: -1, width: -1, height: -1 };
          return;
        }
        if (h > room + 1) {
          // ... so for those the column is narrowed (centred) instead, in a few converging steps, then zoomed for what is left
          z = minZoom > 0 ? floor : 1;
          i.style.zoom = z < 1 ? String(z) : '';
          h = i.getBoundingClientRect().height;
          for (let k = 0; k < 4 && h > room; k++) {
            width = Math.max(full * MIN_WIDTH, Math.floor(width * Math.max(0.5, room / h) * 0.99));
            i.style.maxWidth = `${width}px`;
            h = i.getBoundingClientRect().height;
            if (width <= full * MIN_WIDTH) break;
          }
          if (h > room) {
            z = Math.max(0.3, Math.floor(z * (room / h) * 100) / 100);
            i.style.zoom = String(z);
          }
        }
      }
      o.dataset.zoom = String(z);
      o.dataset.width = String(Math.round((100 * width) / (full || 1)));
      seen = { room, width: o.clientWidth, height: i.getBoundingClientRect().height };
    };
    fit();
    const ro = new ResizeObserver(() => {
      if (o.clientHeight === seen.room && o.clientWidth === seen.width && Math.abs(i.getBoundingClientRect().height - seen.height) < 1) return;
      if (!raf) raf = requestAnimationFrame(fit);
    });
    ro.observe(o);
    ro.observe(i);
    return () => {
      ro.disconnect();
      if (raf) cancelAnimationFrame(raf);
    };
  }, []);
  return (
    <div ref={outer} className={className ? `fit-box ${className}` : 'fit-box'}>
      <div ref={inner} className="fit-inner">
        {children}
      </div>
    </div>
  );
}
