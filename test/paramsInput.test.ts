/** Outside input (issue 17): the URL and the embed API judge values alike; notes stay short. */
import { describe, expect, it } from 'vitest';
import { summarize } from '../src/app/embedApi';
import { meta } from '../src/lessons/xor/meta';
import { checkParams, parseQuery } from '../src/ui/params';

describe('outside input', () => {
  it('a non-integer for an integer param is a problem on both paths: the URL rounds it with a note, the embed rejects it', () => {
    const q = parseQuery(meta.params, new URLSearchParams('hidden=3.6'));
    expect(q.values.hidden).toBe(4);
    expect(q.problems.join()).toMatch(/hidden.*3\.6 is not a whole number.*using 4/);
    const e = checkParams(meta.params, { hidden: 3.6 });
    expect(e.values).toEqual({});
    expect(e.problems.join()).toMatch(/not a whole number/);
  });

  it('the embed API wants JSON numbers and booleans; the URL reads their text forms', () => {
    expect(checkParams(meta.params, { lr: '0.1' }).problems.join()).toMatch(/"0.1" is not a number/);
    expect(checkParams(meta.params, { lr: 0.1 })).toEqual({ values: { lr: 0.1 }, problems: [] });
    expect(parseQuery(meta.params, new URLSearchParams('lr=0.1')).values.lr).toBe(0.1);
    expect(checkParams(meta.params, { hidden: [3] }).problems.join()).toMatch(/a list is not a number/);
  });

  it('prototype keys are unknown parameters, not lookups', () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "constructor": 1, "toString": 2}');
    const { values, problems } = checkParams(meta.params, input);
    expect(values).toEqual({});
    expect(problems).toHaveLength(3);
  });

  it('a reply to thousands of bad keys stays short', () => {
    const input = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}${'x'.repeat(100)}`, i]));
    const msg = summarize(checkParams(meta.params, input).problems);
    expect(msg.length).toBeLessThan(1000);
    expect(msg).toMatch(/and 4995 more$/);
  });
});
