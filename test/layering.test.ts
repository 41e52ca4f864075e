/**
 * The layers of the code run one way: app -> lessons -> ui -> engine. This
 * reads every import statement under src/ and fails on any that runs up a
 * layer, on a lesson importing another lesson's folder, and on React or DOM
 * code reachable from the engine or from a lesson's experiment.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');
const RANK: Record<string, number> = { engine: 0, ui: 1, lessons: 2, app: 3 };
const UI_PACKAGES = /^(react|react-dom|d3|d3-.*|katex|zustand)(\/|$)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });
}

/**
 * Module specifiers a file reaches: static imports and re-exports (type-only
 * included: they still couple layers), dynamic import('x'), new URL('x',
 * import.meta.url) (workers, assets) and import.meta.glob patterns (judged by
 * their path, a '*' standing for any lesson).
 */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"`]([^'"`$]+)['"`]/g)) out.push(m[1]);
  for (const m of source.matchAll(/\bnew\s+URL\s*\(\s*['"`]([^'"`$]+)['"`]\s*,\s*import\.meta\.url/g)) out.push(m[1]);
  for (const m of source.matchAll(/\bimport\.meta\.glob(?:<[^>]*>)?\s*\(\s*(\[[^\]]*\]|['"`][^'"`]+['"`])/g))
    for (const g of m[1].matchAll(/['"`]([^'"`]+)['"`]/g)) out.push(g[1].replace(/^!/, ''));
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(cand).isFile()) return cand;
    } catch {
      /* try the next */
    }
  }
  return base; // css, raw imports and the like: judged by path
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0];
const lessonOf = (file: string) => {
  const parts = relative(SRC, file).split('/');
  return parts[0] === 'lessons' && parts.length > 2 ? parts[1] : null;
};

const all = files(SRC);
const edges = new Map(all.map((f) => [f, importsOf(readFileSync(f, 'utf8'))]));

describe('layers run one way (app -> lessons -> ui -> engine)', () => {
  it('finds the import statements it judges', () => {
    expect(importsOf("import { a } from './x';\nimport type { B } from '../y';\nexport { c } from \"./z\";\nimport './s.css';")).toEqual(['./x', '../y', './z', './s.css']);
    expect(importsOf("const p = import('../app/a');\nnew Worker(new URL('../lessons/worker.ts', import.meta.url));\nimport.meta.glob<{ m: 1 }>('../lessons/*/meta.ts', { eager: true });\nimport.meta.glob(['./a/*.ts', '!./a/b.ts']);")).toEqual(['../app/a', '../lessons/worker.ts', '../lessons/*/meta.ts', './a/*.ts', './a/b.ts']);
    expect(all.length).toBeGreaterThan(50);
  });

  it('no import runs up a layer or into another lesson', () => {
    const bad: string[] = [];
    for (const [file, specs] of edges) {
      const from = layerOf(file);
      if (!(from in RANK)) continue;
      for (const spec of specs) {
        const target = resolveLocal(file, spec);
        if (!target) continue;
        const to = layerOf(target);
        if (to in RANK && RANK[to] > RANK[from]) bad.push(`${relative(SRC, file)} -> ${spec} (${from} imports ${to})`);
        const a = lessonOf(file);
        const b = lessonOf(target);
        if (a && b && a !== b) bad.push(`${relative(SRC, file)} -> ${spec} (lesson ${a} imports lesson ${b})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the engine and every experiment.ts reach no React, DOM or UI code', () => {
    const bad: string[] = [];
    const roots = all.filter((f) => layerOf(f) === 'engine' || /lessons\/[^/]+\/experiment\.ts$/.test(f));
    for (const root of roots) {
      const seen = new Set<string>();
      const stack = [root];
      while (stack.length) {
        const f = stack.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        if (f.endsWith('.tsx')) bad.push(`${relative(SRC, root)} reaches ${relative(SRC, f)}`);
        for (const spec of edges.get(f) ?? []) {
          if (UI_PACKAGES.test(spec)) bad.push(`${relative(SRC, root)} reaches ${spec} (via ${relative(SRC, f)})`);
          const t = resolveLocal(f, spec);
          if (t && edges.has(t)) stack.push(t);
          else if (t && /\.css$/.test(t)) bad.push(`${relative(SRC, root)} reaches ${relative(SRC, t)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("a lesson's experiment.ts imports only the engine and its own folder", () => {
    const bad: string[] = [];
    for (const file of all.filter((f) => /lessons\/[^/]+\/experiment\.ts$/.test(f))) {
      for (const spec of edges.get(file)!) {
        const t = resolveLocal(file, spec);
        if (!t) {
          bad.push(`${relative(SRC, file)} -> ${spec}`);
          continue;
        }
        if (layerOf(t) !== 'engine' && lessonOf(t) !== lessonOf(file)) bad.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
