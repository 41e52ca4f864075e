import { Covered } from '../../ui/Covered';
import { Figure } from './figure';
import { Prose } from '../../ui/Prose';
import { Readout } from '../../ui/controls/Readout';
import { useStore } from '../../ui/store';
import type { LessonPageProps } from '../../ui/lesson';
import './pretraining.css';
import { Equations } from './Equations';
import { Filters, ReconCurves, Reconstructions } from './Pictures';
import { Race } from './Race';
import { CodePlot, FineCurves, ReadoutTable } from './Views';
import { Story } from './Story';

const LABELS: Record<string, string> = {
  test_error_none: 'test error, no pretraining',
  test_error_supervised: 'test error, supervised',
  test_error_autoencoder: 'test error, auto-encoder',
  test_error_shallow: 'test error, shallow net',
  seconds_left: 'seconds left',
  loss_none: 'loss now, no pretraining',
  loss_supervised: 'loss now, supervised',
  loss_autoencoder: 'loss now, auto-encoder',
  loss_shallow: 'loss now, shallow net',
};

/** The test errors are measured once a method has fine-tuned: until then the readout says so. */
const PENDING: Record<string, string> = {
  test_error_none: 'at the end',
  test_error_supervised: 'at the end',
  test_error_autoencoder: 'at the end',
  test_error_shallow: 'at the end',
};

export default function PretrainingPage({ view }: LessonPageProps) {
  const code = useStore((s) => s.params.view === 'code');
  // the losses move from the first step (each method's current phase's loss); the test errors land at the end
  const names = code
    ? ['loss']
    : ['loss_none', 'loss_supervised', 'loss_autoencoder', 'loss_shallow', 'test_error_none', 'test_error_supervised', 'test_error_autoencoder', 'test_error_shallow', 'seconds_left'];
  return (
    <div className="pretraining">
      <div className="plots">
        <Figure id="race">
          <Race />
        </Figure>
        <Figure id="code">
          <CodePlot />
        </Figure>
        <Figure id="recon">
          <Reconstructions />
          <ReconCurves />
        </Figure>
        <Figure id="filters">
          <Filters />
        </Figure>
        <Figure id="readout">
          <Covered>
            <ReadoutTable />
          </Covered>
        </Figure>
        <Figure id="curves">
          <FineCurves />
        </Figure>
      </div>
      <Readout names={names} labels={LABELS} pending={PENDING} />
      <Figure id="equations">
        <Equations />
      </Figure>
      <Prose view={view}>
        <Story />
      </Prose>
    </div>
  );
}
