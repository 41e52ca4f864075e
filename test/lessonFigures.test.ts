/**
 * A figure id is a plain string in JSX (<Figure id="loss">) and in a scene's
 * `show` list: this holds them to the lesson's declared `figures`, so a typo
 * in either is a failing test rather than a figure that silently never shows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonMeta } from '../src/ui/lesson';

const dir = resolve(__dirname, '../src/lessons');
const ids = readdirSync(dir).filter((d) => existsSync(resolve(dir, d, 'meta.ts')));

/** Every <Figure id="..."> in a lesson folder's .tsx files (recursively). */
export function figureIdsIn(folder: string): { ids: string[]; dynamic: string[] } {
  const out: string[] = [];
  const dynamic: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = resolve(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tsx')) {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/<Figure\s+id=(?:"([^"]+)"|\{\s*'([^']+)'\s*\}|(\{[^}]*\}))/g)) {
          if (m[3]) dynamic.push(`${e.name}: ${m[3]}`);
          else out.push(m[1] ?? m[2]);
        }
      }
    }
  };
  walk(folder);
  return { ids: out, dynamic };
}

describe('figure ids', () => {
  it('finds the ids it judges', () => {
    expect(figureIdsIn(resolve(dir, 'xor')).ids.length).toBeGreaterThan(1);
  });

  describe.each(ids)('lesson %s', (id) => {
    it('every <Figure id> is a declared figure, and every declared figure is drawn', async () => {
      const { meta } = (await import(`../src/lessons/${id}/meta.ts`)) as { meta: LessonMeta };
      const found = figureIdsIn(resolve(dir, id));
      expect(found.dynamic, 'figure ids must be literal strings so they can be checked').toEqual([]);
      if (!meta.figures) return; // a lesson without a figures list shows all of them in every scene
      for (const f of found.ids) expect(meta.figures, `<Figure id="${f}">`).toContain(f);
      for (const f of meta.figures) expect(found.ids, `declared figure "${f}"`).toContain(f);
    });

    it('draws figures with its own typed <Figure> (figure.ts), so tsc checks every id', () => {
      expect(readFileSync(resolve(dir, id, 'figure.ts'), 'utf8')).toMatch(/figureFor\(meta\)/);
      const untyped: string[] = [];
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          const p = resolve(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.name.endsWith('.tsx') && /import \{[^}]*\bFigure\b[^}]*\} from '(\.\.\/)+ui\/Figure'/.test(readFileSync(p, 'utf8'))) untyped.push(e.name);
        }
      };
      walk(resolve(dir, id));
      expect(untyped, 'files importing the untyped ui/Figure').toEqual([]);
    });
  });
});
