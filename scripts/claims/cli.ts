/**
 * npm run claims [-- --seeds 1-20] [--lesson id] [--scene n|title] [--json] [--fast]
 * Runs every claim of every scene over the seeds with the lessons' own
 * experiment code and prints lesson, scene, claim, held k/n and the seeds
 * where it missed; exits 1 when a claim holds on fewer seeds than its text states.
 */
import { execFileSync } from 'node:child_process';
import { parseSeeds, ROOT, runClaims, type ClaimRow } from './runner';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const json = process.argv.includes('--json');
const seeds = parseSeeds(arg('seeds') ?? '1-20');
// the digits lessons read public/digits.bin (skipped when up to date)
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pack-digits.ts'], { cwd: ROOT, stdio: json ? 'ignore' : 'inherit' });

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));
if (!json) console.log(`${pad('lesson', 12)} ${pad('scene', 34)} ${pad('claim', 22)} ${pad('held', 7)} ${pad('states', 7)} missed on seeds`);
const t0 = Date.now();
const rows = await runClaims({
  seeds,
  lesson: arg('lesson'),
  scene: arg('scene'),
  fastOnly: process.argv.includes('--fast'),
  onRow: (r: ClaimRow) => {
    if (json) {
      console.log(JSON.stringify({ lesson: r.lesson, scene: r.scene, claim: r.claim, text: r.text, stated: r.stated, held: r.held, missed: r.missed }));
    } else {
      const flag = r.ok ? '' : '  ✗ below the stated rate';
      console.log(`${pad(r.lesson, 12)} ${pad(`${r.scene} ${r.sceneTitle}`, 34)} ${pad(r.claim, 22)} ${pad(`${r.held[0]}/${r.held[1]}`, 7)} ${pad(`${r.stated[0]}/${r.stated[1]}`, 7)} ${r.missed.join(',') || '-'}${flag}`);
    }
  },
});
const bad = rows.filter((r) => !r.ok);
if (!json) console.log(`\n${rows.length} claims over ${seeds.length} seeds in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${bad.length ? `${bad.length} below the rate their text states` : 'every claim holds at its stated rate'}`);
if (!rows.length) {
  console.error('no claims matched');
  process.exit(2);
}
process.exit(bad.length ? 1 : 0);
