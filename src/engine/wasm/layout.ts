/** Floats at the start of the gemm kernel's memory kept for the thread pool's control block. */
export const CTRL_FLOATS = 128;
