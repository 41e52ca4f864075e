import { useDismiss } from '../hooks';
import { useEffect, useRef, useState } from 'react';
import './export.css';
import { copyFigure, downloadCsv, downloadPng, downloadSvg } from './actions';
import { clearKept, keepRun, useKept } from '../compare/kept';

/**
 * A figure's export menu (top right of each <Figure>): PNG at 2x, SVG where
 * the figure is vector, the metrics history as CSV, and a copy of the PNG.
 * Marked data-export-ui so the exports leave it out.
 */
export function ExportMenu({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [vector, setVector] = useState(false);
  const [lines, setLines] = useState(false);
  const kept = useKept((s) => s.runs.length);
  const canKeep = useKept((s) => s.meta !== null);
  const [note, setNote] = useState<string | null>(null);
  const [plot, setPlot] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const figure = () => ref.current?.closest('[data-figure]') ?? null;

  // only figures that draw (an SVG or canvas outside KaTeX) offer exports: an equations box has nothing to export
  useEffect(() => {
    const fig = figure();
    if (!fig) return;
    const check = () => [...fig.querySelectorAll('svg, canvas')].some((e) => !e.closest('.katex, [data-export-ui]'));
    if (check()) return setPlot(true);
    const watch = new MutationObserver(() => {
      if (!check()) return;
      setPlot(true);
      watch.disconnect();
    });
    watch.observe(fig, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, []);

  useEffect(() => {
    if (!open) return;
    const fig = figure();
    setVector(!!fig?.querySelector('svg') && !fig.querySelector('canvas'));
    setLines(!!fig?.querySelector('[data-line-chart]'));
  }, [open]);
  useDismiss(ref, open, () => setOpen(false));

  // the menu closes on a choice; a note (copied, or why not) shows in its place for a few seconds
  const run = (f: (fig: Element) => Promise<string | null> | string | null) => async () => {
    const fig = figure();
    if (!fig) return;
    setOpen(false);
    let said: string | null;
    try {
      said = await f(fig);
    } catch (e) {
      said = `Export failed: ${(e as Error).message.slice(0, 80)}`;
    }
    setNote(said);
    if (said) setTimeout(() => setNote((n) => (n === said ? null : n)), 6000);
  };

  if (!plot) return <div className="export-ui" data-export-ui hidden ref={ref} />;
  return (
    <div className="export-ui" data-export-ui ref={ref}>
      <button type="button" className="export-toggle" aria-haspopup="menu" aria-expanded={open} title="Export this figure" aria-label={`Export figure ${id}`} onClick={() => { setOpen(!open); setNote(null); }}>
        <span aria-hidden="true">⤓</span>
      </button>
      {open && (
        <div className="export-menu" role="menu" aria-label={`Export ${id}`}>
          {lines && canKeep && (
            // the phone's place for "Keep this run" (no room beside its transport); the same action as the bar's button
            <button type="button" role="menuitem" className="menu-keep" onClick={run(() => (keepRun(), null))}>
              Keep this run
            </button>
          )}
          {lines && canKeep && kept > 0 && (
            <button type="button" role="menuitem" className="menu-keep" onClick={run(() => (clearKept(), null))}>
              Clear kept runs ({kept})
            </button>
          )}
          <button type="button" role="menuitem" onClick={run(async (f) => (await downloadPng(f, id), null))}>
            PNG (2×)
          </button>
          {vector && (
            <button type="button" role="menuitem" onClick={run((f) => (downloadSvg(f, id) ? null : 'This figure is not vector: use the PNG.'))}>
              SVG
            </button>
          )}
          <button type="button" role="menuitem" onClick={run(() => (downloadCsv(), null))}>
            Metrics (CSV)
          </button>
          <button type="button" role="menuitem" onClick={run(async (f) => (await copyFigure(f, id)) ?? 'Copied: paste it into your slides.')}>
            Copy figure
          </button>
        </div>
      )}
      {note && !open && (
        <p className="export-note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
