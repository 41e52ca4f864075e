/**
 * dst[d .. d + n) = src[s .. s + n). The recurrent cells copy short runs per
 * batch row (h_{t-1}'s 32 values, x_t's few); `dst.set(src.subarray(...))`
 * allocates a view object per call, which cost more than the copy: about a
 * tenth of the LSTM benchmark step went to it. Long runs still use set (a memcpy).
 */
export function copyRun(src: Float32Array, s: number, dst: Float32Array, d: number, n: number): void {
  if (n > 64) dst.set(src.subarray(s, s + n), d);
  else for (let i = 0; i < n; i++) dst[d + i] = src[s + i];
}
