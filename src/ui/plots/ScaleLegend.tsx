import { plainMath } from '../text';
import { layerGradient } from './colors';

/** A sequential colour scale with its ends named (e.g. "layer 1" … "layer 10"), for plots coloured by layerColor. */
export function ScaleLegend({ from, to, gradient = layerGradient }: { from: string; to: string; gradient?: string }) {
  return (
    // a colour scale, like an axis: its ends are the plot's settings, never a result (data-setup keeps it readable while results are hidden)
    <p className="scale-legend" data-setup>
      <span>{plainMath(from)}</span>
      <span className="ramp" style={{ background: gradient }} aria-hidden="true" />
      <span>{plainMath(to)}</span>
    </p>
  );
}
