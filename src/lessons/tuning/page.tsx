import { Equation } from '../../ui/Equation';
import { Figure } from '../../ui/Figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useStore } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import './tuning.css';
import type { View } from './types';
import { BugNote, CheckBars, EpsSweep } from './views/GradCheckView';
import { OverfitLoss, Saturation } from './views/OverfitView';
import { LrCurves, LrFinal, UpdateRatio } from './views/LrView';
import { SearchBests, SearchCurves, SearchPlane, SearchProgress, SearchSlice } from './views/SearchView';
import { Prose as ViewProse } from './prose';

const NAMES: Record<View, string[]> = {
  gradcheck: ['loss', 'grad_rel_error', 'flagged_layer', 'rel_error_1', 'rel_error_2', 'rel_error_3', 'eps_best', 'err_best'],
  overfit: ['loss', 'train_error', 'broken_loss', 'broken_error', 'sat_1', 'broken_sat_1', 'broken_sat_2'],
  lr: ['loss', 'best_lr', 'lr_near_1pct', 'diverged'],
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
  best_val_grid: 'grid: best validation error',
  best_val_random: 'random: best validation error',
  wd_spread: 'spread over λ at the grid’s best η',
  elapsed_s: 'seconds',
  searches_done: 'searches done',
  random_wins: 'searches random won',
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
      <Readout names={NAMES[v] ?? NAMES.gradcheck} labels={LABELS} />
      <Prose view={view}>
        <ViewProse v={v} />
      </Prose>
    </div>
  );
}
