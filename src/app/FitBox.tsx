import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * Shrinks its content (CSS zoom) until it fits the box's height, never
 * enlarging it: presenter mode's guarantee that a scene fits the screen
 * without scrolling, whatever figures the lesson shows. The zoom is applied
 * in an animation frame, not inside the ResizeObserver callback, so resizing
 * cannot loop.
 */
export function FitBox({ children, className }: { children: ReactNode; className?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    let raf = 0;
    // what the last fit left behind: a resize that only reports our own zoom is not news
    let seen = { room: -1, height: -1 };
    const fit = () => {
      raf = 0;
      i.style.zoom = '';
      const natural = i.getBoundingClientRect().height;
      const room = o.clientHeight;
      const z = natural > room && natural > 0 ? Math.max(0.3, Math.floor((room / natural) * 100) / 100) : 1;
      i.style.zoom = z < 1 ? String(z) : '';
      o.dataset.zoom = String(z);
      seen = { room, height: i.getBoundingClientRect().height };
    };
    fit();
    const ro = new ResizeObserver(() => {
      if (o.clientHeight === seen.room && Math.abs(i.getBoundingClientRect().height - seen.height) < 1) return;
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
