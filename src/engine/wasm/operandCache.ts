/**
 * Operands kept in the gemm kernel's memory between calls (the recurrent cells
 * multiply by the same packed weights at every time step): at the start of
 * memory, after the thread pool's control block, looked up by a key the caller
 * promises names unchanging values.
 */
import { CTRL_FLOATS } from './layout';

export interface CachedOperand {
  key: string;
  at: number;
  k: number;
  n8: number;
  /** Row stride of the copy, in floats. */
  ldb: number;
}
let cached: CachedOperand[] = [];
let cacheEnd = CTRL_FLOATS;
const CACHE_MAX_FLOATS = 1 << 18;
const CACHE_MAX_ENTRIES = 4;

/** Forgets every kept operand (a new kernel memory, or a full cache). */
export function clearOperandCache(): void {
  cached = [];
  cacheEnd = CTRL_FLOATS;
}

/** The first float after the kept operands: scratch starts here. */
export function operandCacheEnd(): number {
  return cacheEnd;
}

export function findOperand(key: string, k: number, n8: number): CachedOperand | undefined {
  return cached.find((e) => e.key === key && e.k === k && e.n8 === n8);
}

/** Room for a [k, n8] operand at the end of the cache (clearing it when full), or -1 when it is too big to keep. */
export function reserveOperand(k: number, n8: number): number {
  if (k * n8 > CACHE_MAX_FLOATS) return -1;
  if (cached.length >= CACHE_MAX_ENTRIES || cacheEnd + k * n8 > CTRL_FLOATS + CACHE_MAX_FLOATS) clearOperandCache();
  const at = cacheEnd;
  cacheEnd += k * n8;
  return at;
}

export function rememberOperand(e: CachedOperand): void {
  cached.push(e);
}
