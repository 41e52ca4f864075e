import { useEffect, useRef, type PointerEvent } from 'react';
import { changeParams } from '../../ui/actions';
import { PIXELS, SIDE, encodeImage } from './codec';
import { prepareDigit } from './prepare';
import { PixelGrid } from './PixelGrid';

/** The pad's context, always asked for the same way: CPU-backed, so reading the ink back is cheap. */
const ctx2d = (cv: HTMLCanvasElement) => cv.getContext('2d', { willReadFrequently: true })!;

/** Drawing resolution: 8 canvas pixels per digit pixel. */
const PAD = 224;
/** Pen width relative to the pad: about MNIST's stroke once the digit is scaled to 20 pixels. */
const PEN = 18;

export interface DrawPadProps {
  /** The digit of the params (drawn on the pad unless it is the pad's own drawing). */
  image: Float32Array;
  /** The prepared image of the stroke in progress, if any. */
  live: Float32Array | null;
  /** The prepared image while a stroke is being drawn (null when the stroke ends). */
  onLive: (img: Float32Array | null) => void;
  /** What the current image is, in words. */
  source: string;
  digitsReady: boolean;
  testCount: number;
}

/**
 * A canvas to draw a digit on with mouse, pen or finger (pointer events), and
 * the 28x28 image it becomes, prepared as the training digits were.
 */
export function DrawPad({ image, live, onLive, source, digitsReady, testCount }: DrawPadProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  /** The encoding this pad last committed: when the params echo it back, the pad keeps its smooth ink. */
  const committed = useRef<string | null>(null);
  const raf = useRef(0);

  // show the params' digit on the pad (scaled up), unless it is the pad's own last drawing
  useEffect(() => {
    const cv = ref.current;
    if (!cv || encodeImage(image) === committed.current) return;
    committed.current = null;
    const ctx = ctx2d(cv);
    const img = ctx.createImageData(SIDE, SIDE);
    for (let i = 0; i < PIXELS; i++) {
      const v = Math.round(255 * image[i]);
      img.data.set([v, v, v, 255], 4 * i);
    }
    const small = new OffscreenCanvas(SIDE, SIDE);
    small.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, PAD, PAD);
  }, [image]);

  const prepared = (): Float32Array => {
    const ctx = ctx2d(ref.current!);
    const px = ctx.getImageData(0, 0, PAD, PAD).data;
    const ink = new Float32Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = px[4 * i] / 255;
    return prepareDigit(ink, PAD);
  };
  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  };
  const line = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    const ctx = ctx2d(ref.current!);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  };
  // at most one re-preparation per animation frame while drawing
  const schedule = () => {
    if (raf.current) return;
    raf.current = requestAnimationFrame(() => {
      raf.current = 0;
      if (drawing.current) onLive(prepared());
    });
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const p = at(e);
    drawing.current = p;
    line(p, p);
    schedule();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const p = at(e);
    line(drawing.current, p);
    drawing.current = p;
    schedule();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = null;
    const img = prepared();
    const text = encodeImage(img);
    committed.current = text;
    onLive(null);
    changeParams({ image: text });
  };
  const clear = () => {
    const ctx = ctx2d(ref.current!);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, PAD, PAD);
    const text = encodeImage(new Float32Array(PIXELS));
    committed.current = text;
    changeParams({ image: text });
  };
  const random = () => {
    committed.current = null;
    changeParams({ image: '', digit: Math.floor(Math.random() * testCount) });
  };
  return (
    <div className="drawpad">
      <div className="drawpad-row">
        <canvas
          ref={ref}
          className="pad"
          width={PAD}
          height={PAD}
          aria-label="Drawing pad: draw a digit with the mouse, a pen or a finger"
          data-testid="drawpad"
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          onLostPointerCapture={up}
        />
        <div className="seen">
          <PixelGrid values={live ?? image} side={SIDE} label="The 28 by 28 image the network sees" className="small" />
          <small>28 × 28, as the network sees it</small>
        </div>
      </div>
      <div className="button-row">
        <button type="button" onClick={clear}>
          Clear
        </button>
        <button type="button" onClick={random} disabled={!digitsReady}>
          Random test digit
        </button>
      </div>
      <small className="muted">{source}</small>
    </div>
  );
}
