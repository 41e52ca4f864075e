import { beforeEach, describe, expect, it } from 'vitest';
import { clearKept, keepRun, MAX_KEPT, registerChart, renameKept, useKept } from '../../src/ui/compare/kept';
import { meta } from '../../src/lessons/xor/meta';
import { defaults } from '../../src/ui/params';
import { useStore } from '../../src/ui/store';

const curve = (n: number, k: number) => ({ name: `s${k}`, x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => 1 / (i + 1 + k)) });

describe('Keep this run (store)', () => {
  beforeEach(() => {
    useKept.setState({ meta, runs: [], note: null });
    useStore.setState({ params: defaults(meta.params) });
  });

  it('freezes what the mounted charts draw, thinned to 60 points; at most four runs, the oldest dropped', () => {
    const off = registerChart('0000abcd', () => [curve(500, 0)]);
    for (let i = 0; i < MAX_KEPT + 1; i++) {
      useStore.setState({ params: { ...defaults(meta.params), lr: 0.1 * (i + 1) } });
      keepRun();
    }
    off();
    const runs = useKept.getState().runs;
    expect(runs).toHaveLength(MAX_KEPT);
    expect(runs.map((r) => r.params.lr)).toEqual([0.2, 0.30000000000000004, 0.4, 0.5]);
    expect(runs[0].charts['0000abcd'][0].x).toHaveLength(60);
    expect(useKept.getState().note).toBeNull();
    renameKept(1, 'x'.repeat(60));
    expect(useKept.getState().runs[1].label).toHaveLength(40);
    clearKept();
    expect(useKept.getState().runs).toEqual([]);
  });

  it('says so when there is nothing to keep, and when the runs are too long for the link', () => {
    keepRun();
    expect(useKept.getState().note).toMatch(/Nothing to keep/);
    const offs = Array.from({ length: 8 }, (_, c) => registerChart(`0000000${c}`, () => Array.from({ length: 8 }, (_, k) => curve(300, k))));
    keepRun();
    keepRun();
    offs.forEach((f) => f());
    expect(useKept.getState().runs).toHaveLength(2);
    expect(useKept.getState().note).toMatch(/too long for the link/);
  });
});
