/**
 * The global WebAssembly switches: every cpu kernel with a SIMD path (gemm,
 * relu, tanh, addScaled, the recurrent cells) asks wasmEnabled() before taking
 * it; tests and the run loop turn the paths off to compare them with the JS loops.
 */
import { wasmRelaxedAvailable, wasmSimdAvailable } from './gemmKernel';

let relaxedOff = false;
/** Turns the relaxed-SIMD build off or on (tests compare the two; results may differ in the last bits). */
export function setWasmRelaxed(on: boolean): void {
  relaxedOff = !on;
}
export function wasmRelaxedEnabled(): boolean {
  return !relaxedOff && wasmRelaxedAvailable();
}

let disabled = false;
/** Turns the SIMD path off or on (tests compare it with the JS kernel). */
export function setWasmEnabled(on: boolean): void {
  disabled = !on;
}
export function wasmEnabled(): boolean {
  return !disabled && wasmSimdAvailable();
}
