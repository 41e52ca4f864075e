/**
 * A figure as a PNG at `scale` times its CSS size: its layers (see layers.ts)
 * painted in order onto one canvas. Each SVG is serialised standalone and
 * loaded as an image from a blob: URL (the CSP allows blob: images), canvases
 * are copied, HTML text is drawn with its own font.
 */
import { flatten } from './layers';
import { inlineSvg } from './svg';

function loadSvg(el: SVGSVGElement, w: number, h: number): Promise<HTMLImageElement> {
  const text = new XMLSerializer().serializeToString(inlineSvg(el, w, h));
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('an SVG of the figure could not be drawn'));
    };
    img.src = url;
  });
}

/** The figure painted onto a canvas `scale` times its size (device pixels independent). */
export async function figureCanvas(figure: Element, scale = 2): Promise<HTMLCanvasElement> {
  const flat = flatten(figure);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(flat.width * scale));
  canvas.height = Math.max(1, Math.round(flat.height * scale));
  const ctx = canvas.getContext('2d')!;
  const images = await Promise.all(flat.layers.map((l) => (l.kind === 'svg' ? loadSvg(l.el, l.w, l.h) : null)));
  ctx.scale(scale, scale);
  ctx.fillStyle = flat.background;
  ctx.fillRect(0, 0, flat.width, flat.height);
  flat.layers.forEach((l, i) => {
    if (l.kind === 'svg') ctx.drawImage(images[i]!, l.x, l.y, l.w, l.h);
    else if (l.kind === 'canvas') ctx.drawImage(l.el, l.x, l.y, l.w, l.h);
    else if (l.kind === 'fill') {
      ctx.fillStyle = l.color;
      ctx.fillRect(l.x, l.y, l.w, l.h);
    } else {
      ctx.font = l.font;
      ctx.fillStyle = l.color;
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(l.text, l.x, l.y);
    }
  });
  return canvas;
}

/** The canvas as PNG bytes. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? b.arrayBuffer().then((a) => resolve(new Uint8Array(a)), reject) : reject(new Error('the browser made no PNG'))), 'image/png'),
  );
}
