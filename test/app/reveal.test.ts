/** Predict, then reveal: the flag's sources outside the page (the address, the embed API) and the scenes' questions. */
import { describe, expect, it } from 'vitest';
import { applyEmbedMessage } from '../../src/app/embedApi';
import { hiddenInQuery } from '../../src/app/reveal';
import { lessons } from '../../src/app/registry';
import { meta } from '../../src/lessons/xor/meta';
import { useReveal } from '../../src/ui/reveal';

describe('predict, then reveal', () => {
  it('?hide=1 (or true) starts hidden; anything else does not', () => {
    expect(hiddenInQuery(new URLSearchParams('hide=1'))).toBe(true);
    expect(hiddenInQuery(new URLSearchParams('scene=2&hide=true'))).toBe(true);
    for (const q of ['', 'hide=0', 'hide=', 'hide=yes', 'hidden=1']) expect(hiddenInQuery(new URLSearchParams(q)), q).toBe(false);
  });

  it('the embed API hides and reveals with dlp:hide and dlp:reveal', () => {
    expect(applyEmbedMessage(meta, { type: 'dlp:hide' })).toBeNull();
    expect(useReveal.getState().hidden).toBe(true);
    expect(applyEmbedMessage(meta, { type: 'dlp:reveal' })).toBeNull();
    expect(useReveal.getState().hidden).toBe(false);
  });

  it('every scene question asks (ends in a question mark), is short, and every predict scene carries one', () => {
    let questions = 0;
    for (const m of lessons) {
      for (const s of m.scenes) {
        if (s.predict) expect(s.question, `${m.id}: ${s.title}`).toBeTruthy();
        if (s.question === undefined) continue;
        questions++;
        expect(s.question.trim().endsWith('?'), s.question).toBe(true);
        expect(s.question.length).toBeLessThanOrEqual(140);
      }
    }
    // the issue asks for questions in several lessons
    expect(new Set(lessons.filter((m) => m.scenes.some((s) => s.question)).map((m) => m.id)).size).toBeGreaterThanOrEqual(4);
    expect(questions).toBeGreaterThanOrEqual(8);
  });
});
