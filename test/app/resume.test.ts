/**
 * Resume (src/app/resume.ts): what localStorage hands back is from an older
 * visit or another version, so every value goes through the lesson's schema
 * and anything bad is dropped without a throw.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepSaving, parseSaved, resumeQuery, storageKey, useResumeNote } from '../../src/app/resume';
import { meta } from '../../src/lessons/xor/meta';
import { useStore } from '../../src/ui/store';

const entry = (o: unknown) => JSON.stringify(o);

describe('parseSaved: a stored entry through the lesson schema', () => {
  it('keeps a valid scene and valid values', () => {
    expect(parseSaved(meta, entry({ v: 1, scene: 2, params: { lr: 0.05, hidden: 6, model: 'mlp', seed: 9 } }))).toEqual({
      scene: 2,
      params: { lr: 0.05, hidden: 6, model: 'mlp', seed: 9 },
    });
    expect(parseSaved(meta, entry({ v: 1, scene: -1, params: {} }))).toEqual({ scene: -1, params: {} });
  });

  it('corrupt JSON, a non-object, a missing or other version and no entry give null, never a throw', () => {
    for (const raw of [null, '', '{', '{"v":1,', 'undefined', '5', '"text"', 'null', '[]', '[1,2]', entry({ scene: 1, params: {} }), entry({ v: 2, scene: 1, params: {} }), entry({ v: '1', scene: 1 })]) {
      expect(parseSaved(meta, raw), String(raw)).toBeNull();
    }
  });

  it('a scene that is not one of the lesson’s gives null', () => {
    for (const scene of [4, 99, -2, 1.5, '1', null, undefined, NaN]) expect(parseSaved(meta, entry({ v: 1, scene, params: {} })), String(scene)).toBeNull();
  });

  it('drops unknown keys, including ones named like Object’s own', () => {
    const s = parseSaved(meta, '{"v":1,"scene":0,"params":{"lr":0.1,"nope":3,"__proto__":{"lr":9},"constructor":1,"toString":"x"}}');
    expect(s).toEqual({ scene: 0, params: { lr: 0.1 } });
    expect(Object.keys(s!.params)).toEqual(['lr']);
  });

  it('drops out-of-range, fractional, wrongly typed and non-option values (no clamping: a dropped value falls back to the scene’s)', () => {
    const s = parseSaved(meta, entry({ v: 1, scene: 1, params: { lr: 1e9, hidden: 3.5, runs: '5', seed: -1, model: 'transformer', activation: 'relu', inspect: 1e6 } }));
    expect(s).toEqual({ scene: 1, params: { activation: 'relu' } });
  });

  it('params that are not an object are ignored, the scene kept', () => {
    for (const params of [null, 5, 'lr=0.1', [0.1], undefined]) expect(parseSaved(meta, entry({ v: 1, scene: 3, params }))).toEqual({ scene: 3, params: {} });
  });
});

describe('resumeQuery and keepSaving (localStorage stubbed)', () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, String(v)),
      removeItem: (k: string) => void store.delete(k),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    useResumeNote.setState({ restored: false });
  });

  it('a bare address gets the saved scene and every saved value; other keys stay; the note shows', () => {
    store.set(storageKey('xor'), entry({ v: 1, scene: 2, params: { lr: 0.05, seed: 2, bogus: 1 } }));
    const q = resumeQuery(meta, new URLSearchParams('backend=cpu&hide=1'));
    expect(q.get('scene')).toBe('2');
    expect(q.get('lr')).toBe('0.05');
    expect(q.get('seed')).toBe('2');
    expect(q.has('bogus')).toBe(false);
    expect(q.get('backend')).toBe('cpu');
    expect(q.get('hide')).toBe('1');
    expect(useResumeNote.getState().restored).toBe(true);
  });

  it('the Sandbox comes back as scene=free', () => {
    store.set(storageKey('xor'), entry({ v: 1, scene: -1, params: { hidden: 7 } }));
    const q = resumeQuery(meta, new URLSearchParams());
    expect(q.get('scene')).toBe('free');
    expect(q.get('hidden')).toBe('7');
  });

  it('an address that names a scene or any parameter wins: nothing is read', () => {
    store.set(storageKey('xor'), entry({ v: 1, scene: 2, params: { lr: 0.05 } }));
    for (const raw of ['scene=1', 'scene=free', 'lr=0.3', 'seed=4&backend=cpu']) {
      const q = resumeQuery(meta, new URLSearchParams(raw));
      expect(q.toString()).toBe(new URLSearchParams(raw).toString());
      expect(useResumeNote.getState().restored).toBe(false);
    }
  });

  it('a saved state equal to a fresh visit (scene 1 on its values) restores nothing and shows no note', () => {
    store.set(storageKey('xor'), entry({ v: 1, scene: 0, params: { model: 'linear', lr: 0.2, runs: 1, seed: 1 } }));
    expect(resumeQuery(meta, new URLSearchParams()).toString()).toBe('');
    expect(useResumeNote.getState().restored).toBe(false);
  });

  it('corrupt storage or a throwing localStorage opens the bare address as it is', () => {
    store.set(storageKey('xor'), '{"v":1,"scene":');
    expect(resumeQuery(meta, new URLSearchParams()).toString()).toBe('');
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
    });
    expect(resumeQuery(meta, new URLSearchParams()).toString()).toBe('');
    expect(useResumeNote.getState().restored).toBe(false);
  });

  it('keepSaving writes the scene and params a moment after a change, and what it writes parses back', () => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
    useStore.setState({ lessonId: 'xor', scene: 0, params: { model: 'linear', lr: 0.2 } });
    const stop = keepSaving(meta);
    useStore.setState({ scene: 2, params: { model: 'mlp', lr: 0.07, seed: 2 } });
    expect(store.has(storageKey('xor'))).toBe(false);
    vi.advanceTimersByTime(500);
    expect(parseSaved(meta, store.get(storageKey('xor'))!)).toEqual({ scene: 2, params: { model: 'mlp', lr: 0.07, seed: 2 } });
    // another lesson's state (the store is shared) is never written under this one
    useStore.setState({ lessonId: 'dropout', scene: 1, params: { p: 0.5 } });
    vi.advanceTimersByTime(500);
    expect(parseSaved(meta, store.get(storageKey('xor'))!)?.scene).toBe(2);
    // a change then leaving at once: the pending write happens on the way out
    useStore.setState({ lessonId: 'xor', scene: 2, params: { model: 'mlp', lr: 0.5, seed: 2 } });
    stop();
    expect(parseSaved(meta, store.get(storageKey('xor'))!)?.params.lr).toBe(0.5);
  });
});
