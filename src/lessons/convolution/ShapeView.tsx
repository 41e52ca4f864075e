import { useId } from 'react';
import { changeParams } from '../../ui/actions';
import { Equation } from '../../ui/Equation';
import type { Geometry, Padding } from './conv';

/** Stride, padding and dilation, and the output-size formula evaluated on them. */
export function ShapeView({ g, padding }: { g: Geometry; padding: Padding }) {
  const id = useId();
  const reach = g.dilation * (g.k - 1);
  const padTex = padding === 'valid' ? 'p = 0' : padding === 'same' ? String.raw`p = \lfloor d(k-1)/2 \rfloor = ${g.pad}` : String.raw`p = d(k-1) = ${g.pad}`;
  const value = String.raw`o = \left\lfloor \frac{${g.n} + 2\cdot ${g.pad} - ${g.dilation}\cdot(${g.k}-1) - 1}{${g.stride}} \right\rfloor + 1 = \left\lfloor \frac{${g.n + 2 * g.pad - reach - 1}}{${g.stride}} \right\rfloor + 1 = ${g.out}`;
  const select = (key: string, label: string, value: string | number, options: (string | number)[]) => (
    <span className="inline-control">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={String(value)} onChange={(e) => changeParams({ [key]: key === 'padding' || key === 'ksize' ? e.target.value : Number(e.target.value) })}>
        {options.map((o) => (
          <option key={o} value={String(o)}>
            {o}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <div className="shape">
      <div className="inline-controls">
        {select('ksize', 'kernel k', g.k, [3, 5])}
        {select('stride', 'stride s', g.stride, [1, 2, 3, 4])}
        {select('padding', 'padding', padding, ['valid', 'same', 'full'])}
        {select('dilation', 'dilation d', g.dilation, [1, 2, 3])}
      </div>
      <Equation tex={String.raw`o = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1,\qquad ${padTex}`} />
      <Equation tex={value} label={`output size ${g.out}`} />
      <p data-testid="out-size">
        {g.out >= 1 ? (
          <>
            A {g.n} × {g.n} input gives a <strong>{g.out} × {g.out}</strong> output. The kernel reaches across d(k − 1) + 1 = {reach + 1} pixels
            {g.stride > 1 ? ` and moves ${g.stride} pixels at a time` : ''}.
          </>
        ) : (
          <>The kernel’s reach d(k − 1) + 1 = {reach + 1} is wider than the padded input: no output.</>
        )}
      </p>
    </div>
  );
}
