/** What the figure menu does: download a PNG, SVG or CSV named after its source, or copy the PNG. */
import { useStore } from '../store';
import { KEPT_KEY } from '../compare/kept';
import { historyCsv } from './csv';
import { exportName, sourceLine, type ExportSource } from './names';
import { insertText } from './png';
import { canvasPng, figureCanvas } from './raster';
import { figureSvg } from './svg';

/** Where the open lesson stands now: lesson, scene, params and the link (kept runs left out: long and not the figure's). */
export function currentSource(): ExportSource {
  const s = useStore.getState();
  const u = new URL(location.href);
  u.searchParams.delete(KEPT_KEY);
  return { lesson: s.lessonId ?? 'lesson', scene: s.scene, params: s.params, url: u.href };
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The figure as PNG bytes at 2x, with the source in tEXt chunks (Title, Source, Comment). */
export async function figurePng(figure: Element, id: string, src: ExportSource): Promise<Blob> {
  let png = await canvasPng(await figureCanvas(figure, 2));
  png = insertText(png, 'Comment', sourceLine(src));
  png = insertText(png, 'Title', `${src.lesson} ${id}`);
  return new Blob([png as BlobPart], { type: 'image/png' });
}

export async function downloadPng(figure: Element, id: string): Promise<void> {
  const src = currentSource();
  save(await figurePng(figure, id, src), exportName(src, id, 'png'));
}

/** False where the figure is not vector (it paints a canvas). */
export function downloadSvg(figure: Element, id: string): boolean {
  const src = currentSource();
  const text = figureSvg(figure, JSON.stringify({ lesson: src.lesson, scene: src.scene, figure: id, params: src.params, url: src.url }), `${src.lesson}: ${id}`);
  if (text === null) return false;
  save(new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${text}`], { type: 'image/svg+xml' }), exportName(src, id, 'svg'));
  return true;
}

export function downloadCsv(): void {
  const src = currentSource();
  save(new Blob([historyCsv(useStore.getState().history, sourceLine(src))], { type: 'text/csv' }), exportName(src, 'metrics', 'csv'));
}

/** Puts the figure's PNG on the clipboard; the reason in words where the browser does not allow it. */
export async function copyFigure(figure: Element, id: string): Promise<string | null> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return 'This browser does not let a page copy images: download the PNG instead.';
  try {
    // the item takes the promise at once, so the click still counts as the user's gesture while the PNG is drawn
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': figurePng(figure, id, currentSource()) })]);
    return null;
  } catch (e) {
    return `Copying images is not allowed here (${(e as Error).message.slice(0, 80)}): download the PNG instead.`;
  }
}
