/**
 * When to stop splitting products over the helper threads for a while. On a
 * busy machine (another program, or a second tab, on the cores the helpers
 * were meant to use) a helper can be descheduled for milliseconds, and the
 * calling thread waits for it, spinning: on this 2-core machine, with a
 * browser test running beside it, the 256 x 256 product took 1.1-1.8 ms on
 * two threads against 0.6-0.8 ms on one. A product whose helpers finished
 * later than the caller's own equal share took to compute (the wait exceeds
 * the caller's compute time, and 0.2 ms) counts as a strike; two in a row pause the
 * threads for `pause` products, doubling (up to MAX_PAUSE) while the machine
 * stays busy and back to the start after a product that went well. Which
 * thread computes a row does not change its bits, so pausing never changes
 * a result.
 */
const FIRST_PAUSE = 32;
const MAX_PAUSE = 2048;
const STRIKES = 2;
/** A wait shorter than this is never a strike: a helper's futex wake-up alone takes tens of microseconds. */
const MIN_LAG_MS = 0.2;

export class ThreadPacer {
  private strikes = 0;
  private pause = FIRST_PAUSE;
  private skip = 0;
  /** Products run on one thread since the pacer was made (the tests read it). */
  skipped = 0;

  /** Whether this product should be split over the threads. */
  useThreads(): boolean {
    if (this.skip > 0) {
      this.skip--;
      this.skipped++;
      return false;
    }
    return true;
  }

  /** After a split product: the caller's own compute time and how long it then waited for the helpers (ms). */
  record(ownMs: number, waitMs: number): void {
    if (waitMs <= Math.max(ownMs, MIN_LAG_MS)) {
      this.strikes = 0;
      this.pause = FIRST_PAUSE;
      return;
    }
    if (++this.strikes < STRIKES) return;
    this.strikes = 0;
    this.skip = this.pause;
    this.pause = Math.min(MAX_PAUSE, this.pause * 2);
  }
}
