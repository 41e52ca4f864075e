/** The lesson's figures: the units before and after normalization, their drift, the race, the gradients, the learning-rate sweep, the four test-time modes, batch size, the CNN race. */
import { useSampled } from '../../ui/hooks';
import { LineChart, type Series } from '../../ui/plots/LineChart';
import { palette } from '../../ui/plots/colors';
import { useResultsHidden } from '../../ui/reveal';
import { useStore, type State } from '../../ui/store';
import { thin } from '../../ui/thin';
import { UnitHistograms } from './UnitHistograms';
import { AFTER_RANGE, BINS, LARGE_BATCH, SWEEP_LRS, UNITS_SHOWN, type BatchSizeFrame, type RaceFrame } from './types';

/** One colour per net everywhere in the lesson. */
export const BN_COLOR = palette[0];
export const PLAIN_COLOR = palette[5];

const historyOf = (s: State) => s.history;
const frameOf = (s: State) => s.frame as Partial<RaceFrame> | null;
const FLOOR = 1e-12;

/** A metric's history thinned to at most 150 points, from its first recorded value. */
function curve(h: State['history'], key: string): [number[], number[]] {
  const [x, y] = thin(h.step, h.values[key] ?? [], 150);
  return [x, y];
}

export function Units() {
  const f = useSampled(frameOf);
  const layer = useStore((s) => Math.min(Number(s.params.layer), Number(s.params.depth)));
  // before the first frame (and while a run restarts) empty histograms hold the figure's place, so nothing below it moves
  const empty = new Float32Array(UNITS_SHOWN * BINS);
  const before = f?.before ?? empty;
  const after = f?.after ?? empty;
  const range = f?.beforeRange ?? [-1, 1];
  return (
    <div className="bn-units">
      <UnitHistograms
        hist={before}
        bins={BINS}
        range={[range[0], range[1]]}
        title={`Layer ${layer}, before: u = W h on 256 training digits (one axis for all units)`}
        what="the raw pre-activation u"
        color={PLAIN_COLOR}
      />
      <UnitHistograms hist={after} bins={BINS} range={[-AFTER_RANGE, AFTER_RANGE]} title="After: y = γ x̂ + β, what the sigmoid receives" what="the normalized y" color={BN_COLOR} />
    </div>
  );
}

/** The 15th, 50th and 85th percentiles of one unit's activation input over training, with and without batch norm (Ioffe & Szegedy 2015, fig. 1). */
export function Drift() {
  const h = useSampled(historyOf);
  const unit = useStore((s) => Number(s.params.unit));
  const series: Series[] = [];
  for (const [net, name, color] of [['bn', 'with batch norm', BN_COLOR], ['plain', 'without', PLAIN_COLOR]] as const) {
    for (const q of ['p15', 'p50', 'p85'] as const) {
      const [x, y] = curve(h, `${net}_${q}`);
      series.push({ name: q === 'p50' ? `${name}: median` : `${name}: ${q === 'p15' ? '15th' : '85th'} pct`, x, y, color, dashed: q !== 'p50' });
    }
  }
  return <LineChart title={`Unit ${unit}’s activation input over training: median and 15th–85th percentiles`} series={series} xLabel="step" yLabel="input to the sigmoid" height={240} />;
}

export function Race({ title = 'Test accuracy (1,000 held-out digits)' }: { title?: string }) {
  const h = useSampled(historyOf);
  const [xb, yb] = curve(h, 'accuracy_bn');
  const [xp, yp] = curve(h, 'accuracy_plain');
  return (
    <LineChart
      title={title}
      series={[
        { name: 'with batch norm', x: xb, y: yb, color: BN_COLOR },
        { name: 'without', x: xp, y: yp, color: PLAIN_COLOR, dashed: true },
      ]}
      xLabel="step"
      yLabel="accuracy"
      yDomain={[0, 1]}
      height={240}
    />
  );
}

export function Grads() {
  const f = useSampled(frameOf);
  // empty until the first frame: the chart keeps its place
  const g = f?.gradBn ?? new Float32Array(0);
  const p = f?.gradPlain ?? new Float32Array(0);
  const depth = useStore((s) => Number(s.params.depth));
  const x = Array.from(g, (_, i) => i + 1);
  const fl = (v: ArrayLike<number>) => Array.from(v, (u) => Math.max(u, FLOOR));
  return (
    <LineChart
      title={`‖∂L/∂W_l‖ per layer at the last step, bottom (1) to output (${depth + 1}); log scale`}
      series={[
        { name: 'with batch norm', x, y: fl(g), color: BN_COLOR },
        { name: 'without', x, y: fl(p), color: PLAIN_COLOR, dashed: true },
      ]}
      xLabel="layer l"
      yLabel="gradient norm"
      logY
      fitX
      height={240}
    />
  );
}

/** The four ways the test digits go through the batch-norm net, over training. */
export function Modes() {
  const h = useSampled(historyOf);
  const lines = [
    ['accuracy_running', 'running averages', palette[0], false],
    ['accuracy_batch', 'one batch of 1,000', palette[2], true],
    ['accuracy_single', 'batches of one', palette[5], false],
    ['accuracy_unupdated', 'never-updated averages', palette[3], true],
  ] as const;
  return (
    <LineChart
      title="Test accuracy of one batch-norm net, four ways to normalize at test time"
      series={lines.map(([key, name, color, dashed]) => {
        const [x, y] = curve(h, key);
        return { name, x, y, color, dashed };
      })}
      xLabel="step"
      yLabel="accuracy"
      yDomain={[0, 1]}
      height={180}
    />
  );
}

const logLr = SWEEP_LRS.map((v) => Math.log10(v));
const metricsOf = (s: State) => s.metrics;

/** One value per rate of the sweep from the latest metrics (NaN where absent or, with `dropDiverged`, where that net diverged). */
function perRate(m: Record<string, number>, key: string, kind: 'bn' | 'plain', dropDiverged: boolean): number[] {
  return SWEEP_LRS.map((_, k) => (dropDiverged && m[`diverged_${kind}_${k}`] ? NaN : (m[`${key}_${kind}_${k}`] ?? NaN)));
}

/** The sweep's test accuracy of every net against log₁₀ η, with and without batch norm. */
export function SweepAccuracy() {
  const m = useSampled(metricsOf);
  const has = m[`acc_bn_0`] !== undefined;
  return (
    <LineChart
      title="Test accuracy against the learning rate (1,000 held-out digits)"
      series={[
        { name: 'with batch norm', x: has ? logLr : [], y: has ? perRate(m, 'acc', 'bn', false) : [], color: BN_COLOR },
        { name: 'without', x: has ? logLr : [], y: has ? perRate(m, 'acc', 'plain', false) : [], color: PLAIN_COLOR, dashed: true },
      ]}
      xLabel="log₁₀ η (0.01 to 10)"
      yLabel="accuracy"
      yDomain={[0, 1]}
      integerX={false}
      height={220}
    />
  );
}

/** The last training loss of every net against log₁₀ η; diverged nets are left off and named below. */
export function SweepLoss() {
  const m = useSampled(metricsOf);
  const has = m[`acc_bn_0`] !== undefined;
  const gone = (kind: 'bn' | 'plain') => SWEEP_LRS.filter((_, k) => m[`diverged_${kind}_${k}`]).map((v) => String(v));
  const [gb, gp] = [gone('bn'), gone('plain')];
  // which rates diverged is a result: hidden with the rest while the class predicts
  const hidden = useResultsHidden();
  return (
    <div>
      <LineChart
        title="Training loss at the last read (every 10 steps), against the learning rate; log scale"
        series={[
          { name: 'with batch norm', x: has ? logLr : [], y: has ? perRate(m, 'loss', 'bn', true).map((v) => Math.max(v, FLOOR)) : [], color: BN_COLOR },
          { name: 'without', x: has ? logLr : [], y: has ? perRate(m, 'loss', 'plain', true).map((v) => Math.max(v, FLOOR)) : [], color: PLAIN_COLOR, dashed: true },
        ]}
        xLabel="log₁₀ η (0.01 to 10)"
        yLabel="cross-entropy"
        logY
        integerX={false}
        height={200}
      />
      <p className="axis-note" data-diverged-rates>
        {hidden
          ? 'Diverged: ?'
          : gb.length + gp.length
          ? `Diverged (loss no longer finite, left off): ${gp.length ? `without batch norm η = ${gp.join(', ')}` : ''}${gp.length && gb.length ? '; ' : ''}${gb.length ? `with batch norm η = ${gb.join(', ')}` : ''}.`
          : 'No net has diverged so far.'}
      </p>
    </div>
  );
}

/** Batch norm on small and on large mini-batches, and the plain net on the small ones: test accuracy over training. */
export function BatchSize() {
  const h = useSampled(historyOf);
  const small = useStore((s) => String(s.params.small));
  const lines = [
    ['accuracy_bn_large', `batch norm, batches of ${LARGE_BATCH}`, BN_COLOR, false],
    ['accuracy_bn_small', `batch norm, batches of ${small}`, palette[2], false],
    ['accuracy_plain_small', `no batch norm, batches of ${small}`, PLAIN_COLOR, true],
  ] as const;
  return (
    <LineChart
      title={`Test accuracy (1,000 held-out digits, test mode); every step is ${LARGE_BATCH} digits for each net`}
      series={lines.map(([key, name, color, dashed]) => {
        const [x, y] = curve(h, key);
        return { name, x, y, color, dashed };
      })}
      xLabel="step"
      yLabel="accuracy"
      yDomain={[0, 1]}
      height={240}
    />
  );
}

const muFrameOf = (s: State) => s.frame as Partial<BatchSizeFrame> | null;

/**
 * μ_B of one unit, step by step, for the batch-norm nets on batches of 32
 * and on the small batches: the statistic each normalizes with. The small
 * batch's estimate jumps around (its spread shrinks like 1/√B); the dotted
 * line is its running average, what test mode uses.
 */
export function BatchMu() {
  const f = useSampled(muFrameOf);
  const small = useStore((s) => String(s.params.small));
  const large = f?.muLarge ?? new Float32Array(0);
  const sm = f?.muSmall ?? new Float32Array(0);
  const [end, running] = f?.muAt ?? [0, Number.NaN];
  const xs = (n: number) => Array.from({ length: n }, (_, i) => end - n + 1 + i);
  const series: Series[] = [
    { name: `batches of ${small}`, x: xs(sm.length), y: Array.from(sm), color: palette[2] },
    { name: `batches of ${LARGE_BATCH}`, x: xs(large.length), y: Array.from(large), color: BN_COLOR },
  ];
  if (Number.isFinite(running) && sm.length) series.push({ name: `running average μ (batches of ${small})`, x: [end - sm.length + 1, end], y: [running, running], color: palette[2], dashed: true });
  return <LineChart title="μ_B of unit 1, layer 1: the mean each net normalizes with, its last batch of each step" series={series} xLabel="step" yLabel="μ_B" height={240} fitX />;
}

/** The CNN race: test accuracy with and without batch norm. */
export function CnnRace() {
  return <Race title="Small CNN: test accuracy (1,000 held-out digits)" />;
}

/** ‖∂L/∂W‖ of the CNN's two kernels and its output layer at the last step. */
export function CnnGrads() {
  const f = useSampled(frameOf);
  const g = f?.gradBn ?? new Float32Array(0);
  const p = f?.gradPlain ?? new Float32Array(0);
  const x = Array.from(g, (_, i) => i + 1);
  const fl = (v: ArrayLike<number>) => Array.from(v, (u) => Math.max(u, FLOOR));
  return (
    <LineChart
      title="‖∂L/∂W‖ at the last step: conv 1, conv 2, output (3); log scale"
      series={[
        { name: 'with batch norm', x, y: fl(g), color: BN_COLOR },
        { name: 'without', x, y: fl(p), color: PLAIN_COLOR, dashed: true },
      ]}
      xLabel="layer"
      yLabel="gradient norm"
      logY
      fitX
      height={240}
    />
  );
}
