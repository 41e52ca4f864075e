import { Equation } from '../../ui/Equation';
import { Figure } from './figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useStore } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import './tuning.css';
import type { View } from './types';
import { BugNote, CheckBars, EpsSweep } from './views/GradCheckView';
import { OverfitLoss, Saturation } from './views/OverfitView';
import { LrCurves, LrFinal, UpdateRatio } from './views/LrView';
import { DecayCurves, DecayVal } from './views/DecayView';
import { NormLoss, NormVal, SigmaMap } from './views/NormalizeView';
import { CapCurves, CapErrors, CapVerdict } from './views/CapacityView';
import { SearchBests, SearchCurves, SearchPlane, SearchProgress, SearchSlice } from './views/SearchView';
import { Prose as ViewProse } from './prose';

const NAMES: Record<View, string[]> = {
  gradcheck: ['loss', 'grad_rel_error', 'flagged_layer', 'rel_error_1', 'rel_error_2', 'rel_error_3', 'eps_best', 'err_best'],
  overfit: ['loss', 'train_error', 'broken_loss', 'broken_error', 'sat_1', 'broken_sat_1', 'broken_sat_2'],
  lr: ['loss', 'best_lr', 'lr_near_1pct', 'diverged'],
  decay: ['loss', 'loss_inverse', 'loss_halve', 'lr_constant', 'lr_inverse', 'lr_halve', 'halvings', 'val_error_constant', 'val_error_inverse', 'val_error_halve'],
  normalize: ['loss', 'loss_raw', 'loss_tiny', 'below_std', 'below_raw', 'val_error_std', 'val_error_tiny', 'dead_pixels', 'zeros_raw', 'zeros_std', 'max_val_tiny'],
  capacity: ['loss', 'train_error', 'val_error', 'gap', 'train_error_2', 'train_error_8', 'val_error_8', 'val_error_128'],
  search: ['trials', 'loss', 'best_val_grid', 'best_val_random', 'wd_spread', 'elapsed_s'],
  seeds: ['trials', 'searches_done', 'best_val_grid', 'best_val_random', 'random_wins', 'elapsed_s'],
};

const LABELS: Record<string, string> = {
  grad_rel_error: 'worst relative error',
  flagged_layer: 'flagged layer (0 = none)',
  rel_error_1: 'layer 1 error',
  rel_error_2: 'layer 2 error',
  rel_error_3: 'layer 3 error',
  eps_best: 'ε at the bottom',
  err_best: 'error at the bottom',
  loss: 'loss',
  train_error: 'training error',
  broken_loss: 'broken: loss',
  broken_error: 'broken: training error',
  sat_1: 'saturated, layer 1',
  broken_sat_1: 'broken: saturated, layer 1',
  broken_sat_2: 'broken: saturated, layer 2',
  best_lr: 'best η',
  lr_near_1pct: 'η with updates nearest 1%',
  diverged: 'rates diverged',
  trials: 'trials done',
  loss_inverse: '1/t: loss',
  loss_halve: 'halving: loss',
  lr_constant: 'constant: η',
  lr_inverse: '1/t: η',
  lr_halve: 'halving: η',
  halvings: 'times halved',
  val_error_constant: 'constant: validation error',
  val_error_inverse: '1/t: validation error',
  val_error_halve: 'halving: validation error',
  loss_raw: 'raw: loss',
  loss_tiny: 'ε = 10⁻⁸: loss',
  below_std: 'standardized: first step with loss < 0.5',
  below_raw: 'raw: first step with loss < 0.5',
  val_error_std: 'standardized: validation error',
  val_error_tiny: 'ε = 10⁻⁸: validation error',
  dead_pixels: 'pixels 0 in every training digit',
  zeros_raw: 'raw inputs that are 0',
  zeros_std: 'standardized inputs that are 0',
  max_val_tiny: 'ε = 10⁻⁸: largest validation input',
  val_error: 'validation error',
  gap: 'gap (validation − training)',
  train_error_2: '2 units: training error',
  train_error_8: '8 units: training error',
  val_error_8: '8 units: validation error',
  val_error_128: '128 units: validation error',
  best_val_grid: 'grid: best validation error',
  best_val_random: 'random: best validation error',
  wd_spread: 'spread over λ at the grid’s best η',
  elapsed_s: 'seconds',
  searches_done: 'searches done',
  random_wins: 'searches random won',
};

/** What `loss` (and the shown net's numbers) mean in the views where it is one of several runs. */
const VIEW_LABELS: Partial<Record<View, Record<string, string>>> = {
  decay: { loss: 'constant η: loss' },
  normalize: { loss: 'standardized: loss' },
  capacity: { loss: 'shown net: loss', train_error: 'shown net: training error', val_error: 'shown net: validation error' },
};

function Figures({ v }: { v: View }) {
  if (v === 'overfit')
    return (
      <div className="plots">
        <Figure id="overfit-loss">
          <OverfitLoss />
        </Figure>
        <Figure id="saturation">
          <Saturation />
        </Figure>
      </div>
    );
  if (v === 'lr')
    return (
      <div className="plots">
        <Figure id="lr-final">
          <LrFinal />
        </Figure>
        <Figure id="lr-curves">
          <LrCurves />
        </Figure>
        <Figure id="update-ratio">
          <UpdateRatio />
        </Figure>
      </div>
    );
  if (v === 'decay')
    return (
      <div className="plots">
        <Figure id="decay-curves">
          <DecayCurves />
        </Figure>
        <Figure id="decay-val">
          <DecayVal />
        </Figure>
      </div>
    );
  if (v === 'normalize')
    return (
      <div className="plots">
        <Figure id="norm-loss">
          <NormLoss />
        </Figure>
        <Figure id="norm-val">
          <NormVal />
        </Figure>
        <Figure id="norm-sigma">
          <SigmaMap />
        </Figure>
      </div>
    );
  if (v === 'capacity')
    return (
      <div className="plots">
        <Figure id="capacity-errors">
          <CapErrors />
        </Figure>
        <Figure id="capacity-curves">
          <CapCurves />
          <CapVerdict />
        </Figure>
      </div>
    );
  if (v === 'search' || v === 'seeds')
    return (
      <div className="plots">
        <Figure id="search-plane">
          <SearchProgress />
          <SearchPlane />
        </Figure>
        <Figure id="search-slice">
          <SearchSlice />
        </Figure>
        <Figure id="search-curves">
          <SearchProgress />
          <SearchCurves />
        </Figure>
        <Figure id="search-bests">
          <SearchBests />
        </Figure>
      </div>
    );
  return (
    <div className="plots">
      <Figure id="gradcheck">
        <CheckBars />
        <BugNote />
      </Figure>
      <Figure id="eps-sweep">
        <EpsSweep />
      </Figure>
      <Figure id="check-equation">
        <Equation tex={String.raw`\hat g_i = \frac{L(\theta + \varepsilon e_i) - L(\theta - \varepsilon e_i)}{2\varepsilon}, \qquad \text{error} = \frac{\lVert g - \hat g\rVert}{\lVert g\rVert + \lVert \hat g\rVert}`} />
      </Figure>
    </div>
  );
}

export default function TuningPage({ view }: LessonPageProps) {
  const v = useStore((s) => (s.params.view as View) ?? 'gradcheck');
  return (
    <div className="tuning">
      <Figures v={v} />
      <Readout names={NAMES[v] ?? NAMES.gradcheck} labels={{ ...LABELS, ...VIEW_LABELS[v] }} />
      <Prose view={view}>
        <ViewProse v={v} />
      </Prose>
    </div>
  );
}
