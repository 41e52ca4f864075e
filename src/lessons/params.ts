/**
 * Lesson parameter schemas: one table per lesson builds the controls, reads
 * and writes the URL query, and validates what an embedding page sends.
 */
interface ParamBase {
  key: string;
  label: string;
  help?: string;
  /** Show the control only while each named param has one of the listed values (data, so it survives postMessage). */
  showIf?: Record<string, readonly (string | number | boolean)[]>;
  /** Controls of one group are shown together in a collapsible section named by the group. */
  group?: string;
}
export type Param =
  | (ParamBase & { kind: 'number'; min: number; max: number; step?: number; log?: boolean; integer?: boolean; default: number })
  | (ParamBase & { kind: 'choice'; options: readonly string[]; labels?: readonly string[]; default: string })
  | (ParamBase & { kind: 'bool'; default: boolean });

/** Whether a param's control applies under the current values (see Param.showIf). */
export function isRelevant(p: Param, values: Values): boolean {
  if (!p.showIf) return true;
  return Object.entries(p.showIf).every(([k, allowed]) => allowed.includes(values[k] as string | number | boolean));
}

export type Values = Record<string, number | string | boolean>;

export interface Scene {
  title: string;
  /** What the instructor says/points at; plain text. */
  caption?: string;
  params?: Values;
  /** Which plots and equations are in view (ids the page understands); all when absent. */
  show?: string[];
}

export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  order: number;
  params: Param[];
  scenes: Scene[];
}

export function defaults(schema: readonly Param[]): Values {
  const v: Values = {};
  for (const p of schema) v[p.key] = p.default;
  return v;
}

/** The outcome of checking one value: the safe value to use and, if it was bad, why. */
export interface Checked {
  value: number | string | boolean;
  problem?: string;
}

/** Checks a raw value (a query string or a value from postMessage) against one param. */
export function checkValue(p: Param, raw: unknown): Checked {
  const bad = (why: string): Checked => ({ value: p.default, problem: `${p.label} (${p.key}): ${why}; using ${p.default}` });
  switch (p.kind) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return bad(`"${String(raw).slice(0, 40)}" is not a number`);
      let v = p.integer ? Math.round(n) : n;
      if (v < p.min || v > p.max) {
        v = Math.min(p.max, Math.max(p.min, v));
        return { value: v, problem: `${p.label} (${p.key}): ${n} is outside ${p.min}..${p.max}; using ${v}` };
      }
      return { value: v };
    }
    case 'choice': {
      if (typeof raw === 'string' && p.options.includes(raw)) return { value: raw };
      return bad(`"${String(raw).slice(0, 40)}" is not one of ${p.options.join(', ')}`);
    }
    case 'bool': {
      if (raw === true || raw === 'true' || raw === '1') return { value: true };
      if (raw === false || raw === 'false' || raw === '0') return { value: false };
      return bad(`"${String(raw).slice(0, 40)}" is not true or false`);
    }
  }
}

/** Reads a lesson's params from a query string; unknown keys are left alone, bad values noted. */
export function parseQuery(schema: readonly Param[], query: URLSearchParams): { values: Values; problems: string[] } {
  const values = defaults(schema);
  const problems: string[] = [];
  for (const p of schema) {
    const raw = query.get(p.key);
    if (raw === null) continue;
    const c = checkValue(p, raw);
    values[p.key] = c.value;
    if (c.problem) problems.push(c.problem);
  }
  return { values, problems };
}

/** Validates a whole params object from outside (embed API): unknown keys are problems. */
export function checkParams(schema: readonly Param[], input: unknown): { values: Values; problems: string[] } {
  const values: Values = {};
  const problems: string[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { values, problems: ['params must be an object'] };
  for (const [k, raw] of Object.entries(input)) {
    const p = schema.find((q) => q.key === k);
    if (!p) {
      problems.push(`unknown parameter "${k.slice(0, 40)}"`);
      continue;
    }
    const c = checkValue(p, raw);
    if (c.problem) problems.push(c.problem);
    else values[k] = c.value;
  }
  return { values, problems };
}

/** Writes the params that differ from their defaults into a query (seed always). */
export function writeQuery(schema: readonly Param[], values: Values, query: URLSearchParams): void {
  for (const p of schema) {
    const v = values[p.key];
    if (v === undefined || (v === p.default && p.key !== 'seed')) query.delete(p.key);
    else query.set(p.key, String(v));
  }
}

/** The seed parameter every lesson carries so a link reproduces a run exactly (cpu). */
export const seedParam: Param = { kind: 'number', key: 'seed', label: 'Seed', min: 0, max: 99999, step: 1, integer: true, default: 1 };
