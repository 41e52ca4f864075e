import { useEffect, useMemo, useState } from 'react';
import { Equation } from '../../ui/Equation';
import { correlate, windowTerms, type Geometry } from './conv';
import { PixelGrid, absMax, signed, type Mark } from './PixelGrid';

/** The rule each output pixel follows (Goodfellow eq. 9.6, with stride s, padding p and dilation d). */
const WINDOW_TEX = String.raw`S(i, j) = \sum_m \sum_n I(i s - p + m d,\ j s - p + n d)\, K(m, n)`;

/** Milliseconds per window position while the kernel slides. */
const TICK_MS = 45;

const num = (v: number) => (Math.abs(v) < 0.005 ? '0' : v.toFixed(2));
const signedNum = (v: number) => (v < 0 ? `(${num(v)})` : num(v));

/** The kernel sliding over the image: the window on the input, the output pixel it writes, and its sum of products. */
export function SlideView({ image, kernel, g }: { image: Float32Array; kernel: Float32Array; g: Geometry }) {
  const out = Math.max(0, g.out);
  const total = out * out;
  const S = useMemo(() => correlate(image, kernel, g), [image, kernel, g]);
  const [pos, setPos] = useState(0);
  const [sliding, setSliding] = useState(false);
  const p = Math.min(pos, Math.max(0, total - 1));
  const i = out ? Math.floor(p / out) : 0;
  const j = out ? p % out : 0;

  useEffect(() => {
    if (!sliding) return;
    const id = setInterval(() => {
      setPos((q) => {
        if (q + 1 >= total) {
          setSliding(false);
          return q;
        }
        return q + 1;
      });
    }, TICK_MS);
    return () => clearInterval(id);
  }, [sliding, total]);

  const terms = useMemo(() => (out ? windowTerms(image, kernel, g, i, j) : []), [image, kernel, g, i, j, out]);
  const marks = useMemo<Mark[]>(() => terms.map((t) => ({ r: t.r, c: t.c, color: '#E69F00' })), [terms]);
  // while sliding, only the pixels written so far are shown
  const shown = useMemo(() => (sliding ? S.map((v, k) => (k <= p ? v : NaN)) : S), [S, sliding, p]);
  const outMark = useMemo<Mark[]>(() => (out ? [{ r: i, c: j, color: '#1b1d22' }] : []), [i, j, out]);
  const scale = useMemo(() => absMax(S), [S]);
  if (!out) return <p className="note">The kernel does not fit: its reach d(k − 1) + 1 is wider than the padded image.</p>;

  const k = g.k;
  const sum = terms.reduce((a, t) => a + t.x * t.w, 0);
  return (
    <div className="slide">
      <div className="slide-maps">
        <figure className="chart">
          <figcaption>Input I ({g.n} × {g.n}{g.pad ? `, zero padding ${g.pad}` : ''}) and the window</figcaption>
          <PixelGrid values={image} side={g.n} border={g.pad} marks={marks} label={`Input image with the kernel window at output pixel ${i}, ${j}`} />
        </figure>
        <figure className="chart">
          <figcaption>
            Output S ({out} × {out}); hover or tap a pixel
          </figcaption>
          <PixelGrid
            values={shown}
            side={out}
            color={signed}
            scale={scale}
            marks={outMark}
            label="Feature map S: blue negative, orange positive"
            onPoint={(r, c) => {
              setSliding(false);
              setPos(r * out + c);
            }}
            className="pointable"
          />
        </figure>
      </div>
      <div className="button-row">
        {/* named by their words (no second "Step" beside the transport's, and the name matches the text) */}
        <button type="button" onClick={() => setPos(Math.max(0, p - 1))}>
          <span aria-hidden="true">◀ </span>Previous window
        </button>
        <button
          type="button"
          onClick={() => {
            if (!sliding && p >= total - 1) setPos(0);
            setSliding(!sliding);
          }}
        >
          {sliding ? 'Stop sliding' : 'Slide the kernel'}
        </button>
        <button type="button" onClick={() => setPos(Math.min(total - 1, p + 1))}>
          Next window<span aria-hidden="true"> ▶</span>
        </button>
        <span className="muted" data-testid="slide-pos">
          pixel ({i}, {j}) = <strong data-testid="slide-sum">{sum.toFixed(3)}</strong>
        </span>
      </div>
      <Equation tex={WINDOW_TEX} />
      <div className="sum-box">
        <p className="products-note">
            S({i}, {j}): window pixel × kernel entry, for m = 0…{k - 1} down, n = 0…{k - 1} across (window rows start at {i}·{g.stride} − {g.pad}, columns at {j}·{g.stride} − {g.pad}
            {g.dilation > 1 ? `, every ${g.dilation}th pixel` : ''})
        </p>
        <table className="products" aria-label={`Sum of products for output pixel ${i}, ${j}`}>
          <tbody>
            {Array.from({ length: k }, (_, m) => (
              <tr key={m}>
                {terms.slice(m * k, (m + 1) * k).map((t) => (
                  <td key={t.n} className={t.x * t.w > 0 ? 'pos' : t.x * t.w < 0 ? 'neg' : undefined}>
                    {num(t.x)}×{signedNum(t.w)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="sum-total">
          sum of the {k * k} products = <strong>{sum.toFixed(3)}</strong>
        </p>
      </div>
    </div>
  );
}
