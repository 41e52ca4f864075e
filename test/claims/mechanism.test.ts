/**
 * The claims mechanism: rates read from a claim's text, the rule that keeps
 * a measured tally in step with the text, the headless run to marks that
 * both the Node runner and the page's "Run 5 seeds" use, and what every
 * declared claim of every lesson must look like.
 */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/engine/worker/experiment';
import { runToMarks } from '../../src/engine/worker/trial';
import { consistent, judge, lastStepMark, marksOf, statedRate, type Claim } from '../../src/ui/claims';
import { loadLessons, parseSeeds } from '../../scripts/claims/runner';

const claim = (text: string, over: Partial<Claim> = {}): Claim => ({ id: 'c', text, at: 10, holds: () => true, ...over });

describe('a claim states its rate in its words', () => {
  it('reads "on k of n seeds" and nothing else', () => {
    expect(statedRate('On 17 of 20 seeds, the LSTM learns.')).toEqual([17, 20]);
    expect(statedRate('the LSTM learns on 3 of 20 seeds')).toEqual([3, 20]);
    expect(statedRate('The loss reaches 0.25.')).toBeNull();
    expect(statedRate('3 of 20 units saturate')).toBeNull();
  });

  it('an unqualified claim must hold on every seed; a rate allows its misses and no more', () => {
    expect(consistent(claim('It learns.'), 20, 20)).toBe(true);
    expect(consistent(claim('It learns.'), 19, 20)).toBe(false);
    const r = claim('On 17 of 20 seeds it learns.');
    expect(consistent(r, 17, 20)).toBe(true);
    expect(consistent(r, 16, 20)).toBe(false);
    // 5 seeds: at most the 3 misses the text allows
    expect(consistent(r, 2, 5)).toBe(true);
    expect(consistent(r, 1, 5)).toBe(false);
    // more seeds than the text counted: the fraction
    expect(consistent(r, 34, 40)).toBe(true);
    expect(consistent(r, 33, 40)).toBe(false);
  });

  it('a predicate that throws or has no metrics to judge counts as missed', () => {
    expect(judge(claim('x', { holds: () => { throw new Error('no'); } }), { a: 1 })).toBe(false);
    expect(judge(claim('x'), undefined)).toBe(false);
    expect(judge(claim('x', { holds: (m) => m.a > 0 }), { a: 1 })).toBe(true);
  });

  it('marks and the last step come from the claims', () => {
    const cs = [claim('a', { at: 100 }), claim('b', { at: 100 }), claim('c', { at: 'end', maxSteps: 900 }), claim('d', { at: 'phase:layer 1' })];
    expect(marksOf(cs)).toEqual([100, 'end', 'phase:layer 1']);
    expect(lastStepMark(cs)).toBe(900);
  });

  it('seed lists: ranges and lists', () => {
    expect(parseSeeds('1-3,7, 9-10')).toEqual([1, 2, 3, 7, 9, 10]);
    expect(() => parseSeeds('a')).toThrow(/seed list/);
  });
});

/** Counts steps; phases 'one' for steps 0-4, 'two' after; done at step 8. */
function phased(): Experiment {
  let n = 0;
  return {
    step: () => {
      n++;
    },
    metrics: () => ({ n }),
    get phase() {
      return n < 5 ? 'one' : 'two';
    },
    get done() {
      return n >= 8;
    },
  };
}

describe('a run to its marks', () => {
  it('reads the metrics after each marked step, when a phase ends and at the end', async () => {
    const { results, steps } = await runToMarks(phased(), [0, 3, 'phase:one', 'phase:two', 'end'], 100);
    expect(results['0'].n).toBe(0);
    expect(results['3'].n).toBe(3);
    // phase one ends with the step that enters phase two
    expect(results['phase:one'].n).toBe(5);
    // the last phase ends with the run
    expect(results['phase:two'].n).toBe(8);
    expect(results.end.n).toBe(8);
    expect(steps).toBe(8);
  });

  it('stops at maxSteps when the end never comes, and leaves that mark out', async () => {
    const never: Experiment = { step: () => {}, metrics: () => ({}) };
    const { results, steps } = await runToMarks(never, ['end'], 50);
    expect(steps).toBe(50);
    expect(results.end).toBeUndefined();
  });

  it('stops after the last step mark when that is all it needs', async () => {
    const { steps } = await runToMarks(phased(), [2], 100);
    expect(steps).toBe(2);
  });
});

describe('every declared claim', () => {
  it('has a unique id in its lesson, a sentence, a moment the runner reaches, and no caption cites hand-picked seeds', async () => {
    const lessons = await loadLessons();
    expect(lessons.length).toBeGreaterThanOrEqual(7);
    let count = 0;
    for (const { meta } of lessons) {
      const ids = new Set<string>();
      for (const s of meta.scenes) {
        expect(s.caption ?? '', `${meta.id}: ${s.title}`).not.toMatch(/tested on seeds?|seeds? 1[-–]3/i);
        for (const c of s.claims ?? []) {
          count++;
          expect(ids.has(c.id), `${meta.id}: duplicate claim id ${c.id}`).toBe(false);
          ids.add(c.id);
          expect(c.id).toMatch(/^[a-z0-9-]+$/);
          expect(c.text.length).toBeGreaterThan(10);
          if (typeof c.at !== 'number') expect(c.maxSteps, `${meta.id}/${c.id}: an 'end' or phase claim needs maxSteps`).toBeGreaterThan(0);
          const rate = statedRate(c.text);
          // rates are measured over the default 20 seeds of npm run claims
          if (rate) {
            expect(rate[1], `${meta.id}/${c.id}`).toBe(20);
            expect(rate[0], `${meta.id}/${c.id}: a rate of 20 of 20 is said plainly`).toBeLessThan(20);
          }
        }
      }
    }
    expect(count).toBeGreaterThan(0);
  });
});
