import { reset } from '../workerBridge';
import { useStore } from '../../ui/store';

/** Which backend runs, as text (data-backend="cpu|webgpu"), with the worker's note if any. */
export function BackendBadge() {
  const backend = useStore((s) => s.backend);
  const note = useStore((s) => s.backendNote);
  const threads = useStore((s) => s.threads);
  const simd = useStore((s) => s.simd);
  const kernel = simd === 'relaxed' ? 'WebAssembly SIMD with fused multiply-add' : simd === 'plain' ? 'WebAssembly SIMD' : simd === 'js' ? 'JavaScript' : '';
  const title = backend === 'cpu' && kernel ? `Where training runs: the CPU, ${threads} thread${threads === 1 ? '' : 's'}, ${kernel}` : 'Where training runs';
  return (
    <span className="backend">
      <span className="badge" data-backend={backend ?? ''} data-threads={backend === 'cpu' ? threads : undefined} data-simd={backend === 'cpu' ? (simd ?? undefined) : undefined} title={title}>
        {backend ? (backend === 'webgpu' ? 'WebGPU' : 'CPU') : '…'}
      </span>
      {note && (
        <span className="note" role="status" data-backend-note>
          {note}
        </span>
      )}
    </span>
  );
}

/** Rejected input, divergence and errors, in plain text (never HTML), each with a way out. */
export function Alerts() {
  const notes = useStore((s) => s.notes);
  const alert = useStore((s) => s.alert);
  return (
    <>
      {notes.length > 0 && (
        <div className="note-box" role="status" data-query-note>
          <p>Some values in the link were not valid and were replaced:</p>
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={() => useStore.setState({ notes: [] })}>
            Dismiss
          </button>
        </div>
      )}
      {alert && (
        <div className={`note-box ${alert.kind}`} role="alert" data-alert={alert.kind}>
          <p>{alert.message}</p>
          <button type="button" onClick={reset}>
            Reset
          </button>
        </div>
      )}
    </>
  );
}
