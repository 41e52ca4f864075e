/**
 * Lesson parameter schemas: one table per lesson builds the controls, reads
 * and writes the URL query, and validates what an embedding page sends.
 */
interface ParamBase<K extends string> {
  key: K;
  label: string;
  help?: string;
  /** Show the control only while each named param has one of the listed values (data, so it survives postMessage). */
  showIf?: Record<string, readonly (string | number | boolean)[]>;
  /** Controls of one group are shown together in a collapsible section named by the group. */
  group?: string;
}
export type NumberParam<K extends string = string> = ParamBase<K> & {
  kind: 'number'; min: number; max: number; step?: number; log?: boolean; integer?: boolean; default: number;
};
export type ChoiceParam<K extends string = string, O extends string = string> = ParamBase<K> & {
  kind: 'choice'; options: readonly O[]; labels?: readonly string[]; default: NoInfer<O>;
};
export type BoolParam<K extends string = string> = ParamBase<K> & { kind: 'bool'; default: boolean };
/**
 * A short string a page writes itself (e.g. an encoded drawing or a kernel's
 * numbers): only characters of `chars` (a regex character class body, data so
 * it survives postMessage), at most maxLength of them. A text box in the panel only when `control` is set.
 */
export type TextParam<K extends string = string> = ParamBase<K> & { kind: 'text'; chars: string; maxLength: number; default: string; control?: boolean };
export type Param = NumberParam | ChoiceParam | BoolParam | TextParam;

/** The value type one param holds: its choice's options, a number or a boolean. */
export type ValueOf<P> = P extends { kind: 'number' } ? number : P extends { kind: 'bool' } ? boolean : P extends { kind: 'text' } ? string : P extends { options: readonly (infer O)[] } ? O : never;

/** The typed values of a whole schema, keyed by each param's literal key (declare schemas with defineParams). */
export type ValuesOf<S extends readonly Param[]> = { [P in S[number] as P['key']]: ValueOf<P> };

/** Keeps a schema's literal keys and options so ValuesOf can derive the lesson's value types from it. */
export function defineParams<const S extends readonly Param[]>(schema: S): S {
  return schema;
}

/** Whether a param's control applies under the current values (see Param.showIf). */
export function isRelevant(p: Param, values: Values): boolean {
  if (!p.showIf) return true;
  return Object.entries(p.showIf).every(([k, allowed]) => allowed.includes(values[k] as string | number | boolean));
}

export type Values = Record<string, number | string | boolean>;

/** Every param at its default. */
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

/**
 * Checks a raw value against one param. Both paths report the same problems:
 * a query (`strict` false) holds strings, so "0.3" is the number 0.3; a
 * message from an embedding page (`strict` true) must send a JSON number.
 * A non-integer for an integer param and an out-of-range number are problems
 * on both paths; the URL path then uses the safe value shown in the note,
 * the embed API rejects the message (all values valid, or none applied).
 */
export function checkValue(p: Param, raw: unknown, strict = false): Checked {
  const bad = (why: string): Checked => ({ value: p.default, problem: `${p.label} (${p.key}): ${why}; using ${p.default}` });
  switch (p.kind) {
    case 'number': {
      if (strict && typeof raw !== 'number') return bad(`${describe(raw)} is not a number`);
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return bad(`${describe(raw)} is not a number`);
      let v = p.integer ? Math.round(n) : n;
      const problems: string[] = [];
      if (v !== n) problems.push(`${n} is not a whole number`);
      if (v < p.min || v > p.max) {
        v = Math.min(p.max, Math.max(p.min, v));
        problems.push(`${n} is outside ${p.min}..${p.max}`);
      }
      if (problems.length) return { value: v, problem: `${p.label} (${p.key}): ${problems.join(' and ')}; using ${v}` };
      return { value: v };
    }
    case 'choice': {
      if (typeof raw === 'string' && p.options.includes(raw)) return { value: raw };
      return bad(`${describe(raw)} is not one of ${p.options.join(', ')}`);
    }
    case 'bool': {
      if (raw === true || (!strict && (raw === 'true' || raw === '1'))) return { value: true };
      if (raw === false || (!strict && (raw === 'false' || raw === '0'))) return { value: false };
      return bad(`${describe(raw)} is not true or false`);
    }
    case 'text': {
      if (typeof raw !== 'string') return bad('not a string');
      if (raw.length > p.maxLength) return bad(`longer than ${p.maxLength} characters`);
      if (!new RegExp(`^[${p.chars}]*$`).test(raw)) return bad('has characters it may not hold');
      return { value: raw };
    }
  }
}

/** Reads a lesson's params from a query string; unknown keys are left alone, bad values noted. */
export function parseQuery(schema: readonly Param[], query: URLSearchParams): { values: Values; problems: string[] } {
  const raw: Record<string, string> = {};
  for (const p of schema) {
    const v = query.get(p.key);
    if (v !== null) raw[p.key] = v;
  }
  return parseParamsNoted(schema, raw) as { values: Values; problems: string[] };
}

/**
 * The one parser of lesson values: validates, clamps and fills defaults for a
 * raw record (a worker's init params, a scene, anything from outside). Keys
 * not in the schema are dropped. Returns the typed values and the problems.
 */
export function parseParamsNoted<S extends readonly Param[]>(schema: S, raw: Readonly<Record<string, unknown>>): { values: ValuesOf<S>; problems: string[] } {
  const values: Values = {};
  const problems: string[] = [];
  for (const p of schema) {
    const r = Object.prototype.hasOwnProperty.call(raw, p.key) ? raw[p.key] : undefined;
    if (r === undefined) {
      values[p.key] = p.default;
      continue;
    }
    const c = checkValue(p, r);
    values[p.key] = c.value;
    if (c.problem) problems.push(c.problem);
  }
  return { values: values as ValuesOf<S>, problems };
}

/** parseParamsNoted without the notes: the typed, safe values for a raw record. */
export function parseParams<S extends readonly Param[]>(schema: S, raw: Readonly<Record<string, unknown>>): ValuesOf<S> {
  return parseParamsNoted(schema, raw).values;
}

/** Parses only the keys present in `raw` (a setParams change); unknown keys are dropped. */
export function parsePartial<S extends readonly Param[]>(schema: S, raw: Readonly<Record<string, unknown>>): Partial<ValuesOf<S>> {
  const out: Values = {};
  for (const p of schema) if (Object.prototype.hasOwnProperty.call(raw, p.key) && raw[p.key] !== undefined) out[p.key] = checkValue(p, raw[p.key]).value;
  return out as Partial<ValuesOf<S>>;
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
    const c = checkValue(p, raw, true);
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
export const seedParam = { kind: 'number', key: 'seed', label: 'Seed', min: 0, max: 99999, step: 1, integer: true, default: 1 } as const satisfies NumberParam<'seed'>;

/** A short, quoted rendering of any value for a note (never more than 40 characters of it). */
function describe(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw.slice(0, 40)}"`;
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null || raw === undefined) return String(raw);
  return Array.isArray(raw) ? 'a list' : 'an object';
}
