/**
 * Vitest global set-up: builds public/digits.bin once per test run (the
 * digits tests read it; the script skips the work when the file is up to date).
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pack-digits.ts'], { cwd: root, stdio: 'inherit' });
}
