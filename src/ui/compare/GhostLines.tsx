import { useMemo } from 'react';
import { line } from 'd3';
import { defaults } from '../params';
import { sceneParams } from '../lesson';
import { useStore } from '../store';
import { palette } from '../plots/colors';
import { hash32, type GhostSeries } from './encode';
import { useKept } from './kept';
import { GHOST_DASHES, keptLabel } from './labels';

export interface Ghost {
  label: string;
  dash: string;
  series: GhostSeries[];
}

/** The kept runs' curves of one chart (key from chartKey), labelled against the live params. */
export function useGhosts(key: string): Ghost[] {
  const runs = useKept((s) => s.runs);
  const meta = useKept((s) => s.meta);
  const params = useStore((s) => s.params);
  const scene = useStore((s) => s.scene);
  return useMemo(() => {
    if (!meta || !runs.length) return [];
    const base = { ...defaults(meta.params), ...(scene >= 0 ? sceneParams(meta, scene) : {}) };
    const out: Ghost[] = [];
    runs.forEach((r, i) => {
      const series = r.charts[key];
      if (series?.length) out.push({ label: keptLabel(meta.params, r, i, params, base), dash: GHOST_DASHES[i % GHOST_DASHES.length], series });
    });
    return out;
  }, [runs, meta, params, scene, key]);
}

type Scale = (v: number) => number;

/** Where a label sits: the last finite point of a ghost's first curve. */
function endOf(s: GhostSeries, logY: boolean): [number, number] | null {
  for (let i = s.x.length - 1; i >= 0; i--) if (Number.isFinite(s.x[i]) && Number.isFinite(s.y[i]) && (!logY || s.y[i] > 0)) return [s.x[i], s.y[i]];
  return null;
}

/**
 * Kept runs drawn over the live curves: each in its live series' colour,
 * thinner, dashed on a halo, with a dash pattern of its own, labelled at its end.
 */
export function GhostLines({ ghosts, live, x, y, logY, right, top, bottom }: { ghosts: Ghost[]; live: readonly { name: string; color?: string }[]; x: Scale; y: Scale; logY: boolean; right: number; top: number; bottom: number }) {
  const colorOf = (g: GhostSeries, k: number) => {
    const i = live.findIndex((s) => hash32(s.name) === g.name);
    return i >= 0 ? (live[i].color ?? palette[i % palette.length]) : (g.color ?? palette[k % palette.length]);
  };
  // labels at the curves' ends, nudged apart so two ghosts ending close stay readable
  const labels = ghosts
    .map((g) => {
      const e = endOf(g.series[0], logY);
      // inside the plot area even where the curve runs off it (a loss below the axis' floor)
      return e ? { label: g.label, px: x(e[0]), py: Math.min(Math.max(y(e[1]) - 4, top + 10), bottom - 4) } : null;
    })
    .filter((l): l is { label: string; px: number; py: number } => l !== null)
    .sort((a, b) => a.py - b.py);
  for (let i = 1; i < labels.length; i++) if (labels[i].py - labels[i - 1].py < 12) labels[i].py = labels[i - 1].py + 12;
  // nudged past the floor: shift the whole stack up
  const over = labels.length ? labels[labels.length - 1].py - (bottom - 4) : 0;
  if (over > 0) for (const l of labels) l.py -= over;
  return (
    <g className="ghosts">
      {ghosts.map((g) =>
        g.series.map((s, k) => {
          const d = line<number>()
            .defined((v, i) => Number.isFinite(v) && Number.isFinite(s.x[i]) && (!logY || v > 0))
            .x((_, i) => x(s.x[i]))
            .y((v) => y(v))(s.y);
          // drawn over the live curve in a style of their own (a dash on a halo of the page's colour), so a kept run that
          // the live one retraces still shows
          return (
            <g key={`${g.label}${g.dash}${s.name}`}>
              <path className="ghost-halo" d={d ?? ''} fill="none" strokeWidth={4} strokeDasharray={g.dash} />
              <path className="ghost" data-ghost={g.label} d={d ?? ''} fill="none" stroke={colorOf(s, k)} strokeWidth={1.75} strokeOpacity={0.8} strokeDasharray={g.dash} />
            </g>
          );
        }),
      )}
      {labels.map((l) => (
        <text key={`${l.label}${l.py}`} className="tick ghost-label" data-ghost-label={l.label} x={Math.min(l.px, right) - 3} y={l.py} textAnchor="end">
          {l.label}
        </text>
      ))}
    </g>
  );
}
