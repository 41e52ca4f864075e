import { describe, expect, it } from 'vitest';
import { checkParams, parseQuery, writeQuery } from '../src/ui/params';
import { meta } from '../src/lessons/xor/meta';

describe('lesson params from a schema', () => {
  it('reads valid values, clamps out-of-range numbers and rejects garbage with a note', () => {
    const { values, problems } = parseQuery(meta.params, new URLSearchParams('lr=banana&hidden=-3&activation=relu&seed=5'));
    expect(values.lr).toBe(0.2);
    expect(values.hidden).toBe(2);
    expect(values.activation).toBe('relu');
    expect(values.seed).toBe(5);
    expect(problems.join('\n')).toMatch(/lr.*banana/);
    expect(problems.join('\n')).toMatch(/hidden.*-3/);
  });
  it('round-trips through the query', () => {
    const q = new URLSearchParams();
    const v = { ...parseQuery(meta.params, new URLSearchParams()).values, hidden: 6, lr: 0.05, model: 'linear' };
    writeQuery(meta.params, v, q);
    expect(parseQuery(meta.params, q).values).toEqual(v);
  });
  it('validates embed messages: unknown keys and wrong types are problems and are not applied', () => {
    const { values, problems } = checkParams(meta.params, { hidden: 'x', nope: 1, lr: 0.1, model: '<b>' });
    expect(values).toEqual({ lr: 0.1 });
    expect(problems).toHaveLength(3);
  });
});
