/**
 * Compiles an elementwise template with an op's expression written into its
 * loop (the binary and unary op templates). Why source text: one loop shared
 * by several ops that calls `fn(a, b)` per element runs several times slower
 * than a loop with `a + b` written in it (V8 shares the type feedback of every
 * closure made from one function literal, so the call goes megamorphic and is
 * never inlined: about 5x on 32,000 elements here). `new Function` runs on our
 * own constant text only (the callers check the expression's characters).
 */

/** `function <name>Kernel([<params>], out) { body }` with `deps` in scope; null where eval is not allowed. */
export function compileLoop<K>(name: string, params: string, body: string, deps: Record<string, unknown> = {}): K | null {
  if (!/^[A-Za-z]\w*$/.test(name)) throw new Error(`kernel name ${name}: unexpected characters`);
  // A page's main thread runs under the app's Content-Security-Policy (no eval) and does only small
  // work there (the convolution lesson's sliding window): the plain loops serve it without a
  // violation report. Workers and Node compile.
  if (typeof document !== 'undefined') return null;
  try {
    const make = new Function(...Object.keys(deps), `return function ${name}Kernel([${params}], out) {${body}\n};`);
    return make(...Object.values(deps)) as K;
  } catch {
    return null; // a Content-Security-Policy without 'unsafe-eval'
  }
}
