/**
 * The lesson contract over every lesson: the schema is the one source of
 * parameter truth (parsing {} gives exactly its defaults), every scene's
 * params are valid against it and name only its keys, and every scene's
 * figures are ones the lesson declares.
 */
import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonMeta } from '../src/ui/lesson';
import { checkParams, defaults, parseParams } from '../src/ui/params';

const dir = resolve(__dirname, '../src/lessons');
const ids = readdirSync(dir).filter((d) => existsSync(resolve(dir, d, 'meta.ts')));

describe.each(ids)('lesson %s', (id) => {
  it('parsing {} gives exactly the schema defaults; bad values fall back to safe ones', async () => {
    const { meta } = (await import(`../src/lessons/${id}/meta.ts`)) as { meta: LessonMeta };
    expect(meta.id).toBe(id);
    expect(parseParams(meta.params, {})).toEqual(defaults(meta.params));
    const junk = Object.fromEntries(meta.params.map((p) => [p.key, p.kind === 'number' ? 'NaN' : 42]));
    const parsed = parseParams(meta.params, junk) as Record<string, unknown>;
    for (const p of meta.params) {
      if (p.kind === 'number') expect(parsed[p.key]).toBe(p.default);
      else expect(parsed[p.key]).toBe(p.default);
    }
  });

  it("every scene's params are valid against the schema, and its figures are declared", async () => {
    const { meta } = (await import(`../src/lessons/${id}/meta.ts`)) as { meta: LessonMeta };
    expect(meta.scenes.length).toBeGreaterThan(0);
    for (const [i, scene] of meta.scenes.entries()) {
      const { problems } = checkParams(meta.params, scene.params ?? {});
      expect(problems, `scene ${i + 1} "${scene.title}"`).toEqual([]);
      if (meta.figures && scene.show) for (const f of scene.show) expect(meta.figures, `scene ${i + 1} shows "${f}"`).toContain(f);
    }
  });
});
