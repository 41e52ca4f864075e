/**
 * The lesson contract over every lesson: the schema is the one source of
 * parameter truth (its defaults are valid and round-trip through the address), every scene's
 * params are valid against it and name only its keys, and every scene's
 * figures are ones the lesson declares.
 */
import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonMeta } from '../src/ui/lesson';
import { checkParams, defaults, parseParams, parseQuery, writeQuery } from '../src/ui/params';

const dir = resolve(__dirname, '../src/lessons');
const ids = readdirSync(dir).filter((d) => existsSync(resolve(dir, d, 'meta.ts')));

describe.each(ids)('lesson %s', (id) => {
  it('the defaults are valid against the schema and survive the address; bad values fall back to them', async () => {
    const { meta } = (await import(`../src/lessons/${id}/meta.ts`)) as { meta: LessonMeta };
    expect(meta.id).toBe(id);
    const d = defaults(meta.params);
    // a default outside its own range or options would be refused by the strict check an embed's host goes through
    expect(checkParams(meta.params, d).problems).toEqual([]);
    // written to a query and read back (what Copy link and a reload do), every value comes back unchanged
    const q = new URLSearchParams();
    writeQuery(meta.params, { ...d }, q);
    expect(parseQuery(meta.params, q)).toEqual({ values: d, problems: [] });
    const junk = Object.fromEntries(meta.params.map((p) => [p.key, p.kind === 'number' ? 'NaN' : 42]));
    const parsed = parseParams(meta.params, junk) as Record<string, unknown>;
    for (const p of meta.params) expect(parsed[p.key], p.key).toBe(p.default);
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
