import { useEffect, useId, useRef, useState } from 'react';
import { checkValue, isRelevant, type Param, type Values } from '../params';

/** One labelled control per schema entry; hand-typed numbers are validated with a visible note. */
export function ParamControls({ schema, values, onChange, hidden = [] }: { schema: readonly Param[]; values: Values; onChange: (p: Values) => void; hidden?: string[] }) {
  // text params are written by the page itself (a drawing, a kernel): no panel control
  const shown = schema.filter((p) => p.kind !== 'text' && !hidden.includes(p.key) && isRelevant(p, values));
  const control = (p: Param) => <ParamControl key={p.key} p={p} value={values[p.key] ?? p.default} onChange={(v) => onChange({ [p.key]: v })} />;
  // grouped controls (e.g. one optimizer's hyper-parameters) fold away so the panel stays short
  const groups = [...new Set(shown.map((p) => p.group).filter((g): g is string => !!g))];
  return (
    <fieldset className="params">
      <legend>Parameters</legend>
      {shown.filter((p) => !p.group).map(control)}
      {groups.map((g) => (
        <details key={g} className="param-group">
          <summary>{g}</summary>
          {shown.filter((p) => p.group === g).map(control)}
        </details>
      ))}
    </fieldset>
  );
}

function ParamControl({ p, value, onChange }: { p: Param; value: number | string | boolean; onChange: (v: number | string | boolean) => void }) {
  const id = useId();
  const [note, setNote] = useState<string | null>(null);
  const help = p.help ? <small className="help">{p.help}</small> : null;
  if (p.kind === 'bool') {
    return (
      <div className="control">
        <label htmlFor={id}>
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {p.label}
        </label>
        {help}
      </div>
    );
  }
  if (p.kind === 'choice') {
    return (
      <div className="control">
        <label htmlFor={id}>{p.label}</label>
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {p.options.map((o, i) => (
            <option key={o} value={o}>
              {p.labels?.[i] ?? o}
            </option>
          ))}
        </select>
        {help}
      </div>
    );
  }
  if (p.kind === 'text') {
    if (!p.control) return null;
    const commitText = (raw: string) => {
      const c = checkValue(p, raw);
      setNote(c.problem ?? null);
      onChange(c.value);
    };
    return (
      <div className="control">
        <label htmlFor={id}>{p.label}</label>
        <input
          id={id}
          type="text"
          key={String(value)}
          defaultValue={String(value)}
          maxLength={p.maxLength}
          onBlur={(e) => commitText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitText((e.target as HTMLInputElement).value);
          }}
        />
        {note && (
          <small className="note" role="status">
            {note}
          </small>
        )}
        {help}
      </div>
    );
  }
  return <NumberControl p={p} value={Number(value)} onChange={onChange} id={id} note={note} setNote={setNote} help={help} />;
}

/**
 * A slider (log-scaled where the schema says so) plus a box for exact values.
 * The box keeps what is being typed (and keeps focus on Enter); a value that
 * is not a number puts the previous value back with a note, one out of range
 * is clamped.
 */
function NumberControl({ p, value: num, onChange, id, note, setNote, help }: {
  p: Extract<Param, { kind: 'number' }>; value: number; onChange: (v: number) => void; id: string; note: string | null; setNote: (n: string | null) => void; help: React.ReactNode;
}) {
  const [text, setText] = useState(String(num));
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setText(String(num));
  }, [num]);
  const toSlider = (v: number) => (p.log ? Math.log10(v) : v);
  const fromSlider = (s: number) => (p.log ? Number((10 ** s).toPrecision(3)) : s);
  const commit = (raw: string) => {
    const c = checkValue(p, raw);
    const notNumber = !Number.isFinite(Number(raw)) || raw.trim() === '';
    if (notNumber) {
      setNote(`${p.label}: "${raw.slice(0, 40)}" is not a number; kept ${num}`);
      setText(String(num));
      return;
    }
    setNote(c.problem ?? null);
    setText(String(c.value));
    if (c.value !== num) onChange(c.value as number);
  };
  return (
    <div className="control">
      <label htmlFor={id}>{p.label}</label>
      <div className="number-row">
        <input
          id={id}
          type="range"
          min={toSlider(p.min)}
          max={toSlider(p.max)}
          step={p.log ? 0.01 : (p.step ?? (p.max - p.min) / 100)}
          value={toSlider(num)}
          onChange={(e) => onChange(fromSlider(Number(e.target.value)))}
        />
        <input
          type="text"
          inputMode="decimal"
          aria-label={`${p.label} value`}
          value={text}
          onFocus={() => (editing.current = true)}
          onChange={(e) => setText(e.target.value)}
          onBlur={(e) => {
            editing.current = false;
            commit(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
            if (e.key === 'Escape') setText(String(num));
          }}
        />
      </div>
      {note && (
        <small className="note" role="status">
          {note}
        </small>
      )}
      {help}
    </div>
  );
}
