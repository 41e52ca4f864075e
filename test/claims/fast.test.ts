/**
 * The fast part of `npm run claims`: every claim not marked slow, with the
 * lesson's own experiment code, on seeds 1-5. A claim must stay consistent
 * with its text there (an unqualified claim holds on all 5; "on 17 of 20
 * seeds" misses on at most 3), so a claim that has got worse fails here; the
 * full 20-seed table is `npm run claims`.
 */
import { describe, expect, it } from 'vitest';
import { runClaims } from '../../scripts/claims/runner';
import { loadLessons } from '../../scripts/claims/runner';

const SEEDS = [1, 2, 3, 4, 5];
const lessons = await loadLessons();

describe('claims on seeds 1-5 (the fast ones)', () => {
  for (const { meta } of lessons) {
    const fast = meta.scenes.flatMap((s) => (s.claims ?? []).filter((c) => !c.slow));
    it.skipIf(fast.length === 0)(`${meta.id}: ${fast.length} claims`, async () => {
      const rows = await runClaims({ seeds: SEEDS, lesson: meta.id, fastOnly: true });
      expect(rows.length).toBe(fast.length);
      for (const r of rows) expect(r.ok, `${r.lesson} scene ${r.scene} ${r.claim}: held ${r.held.join('/')}, missed on ${r.missed.join(',')} — "${r.text}"`).toBe(true);
    }, 300_000);
  }
});
