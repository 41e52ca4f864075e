/**
 * Plain-text maths for places KaTeX does not go (titles, menus, captions,
 * the home page): `W^t` becomes Wᵗ, `h_0` h₀, `\sigma` σ. Only a single-letter
 * base gets a script, so words such as fan_in stay as they are.
 */
const SUP: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', t: 'ᵗ', T: 'ᵀ', k: 'ᵏ', l: 'ˡ', j: 'ʲ', x: 'ˣ', a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', m: 'ᵐ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', y: 'ʸ', z: 'ᶻ',
};
const SUB: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
};
const COMMANDS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', kappa: 'κ', lambda: 'λ', mu: 'μ', rho: 'ρ', sigma: 'σ', tau: 'τ',
  phi: 'φ', omega: 'ω', nabla: '∇', cdot: '·', times: '×', infty: '∞', le: '≤', ge: '≥', approx: '≈', top: 'ᵀ', sum: 'Σ', partial: '∂', odot: '⊙',
};

function script(body: string, map: Record<string, string>): string | null {
  let out = '';
  for (const ch of body) {
    const m = map[ch];
    if (m === undefined) return null;
    out += m;
  }
  return out;
}

/** TeX-ish fragments in plain text made readable as Unicode; text without them is returned unchanged. */
export function plainMath(text: string): string {
  let s = text.replace(/\\([a-zA-Z]+)/g, (all, name: string) => COMMANDS[name] ?? all);
  s = s.replace(/(^|[^A-Za-z])([A-Za-zα-ωΑ-Ω])([_^])(\{([^{}]*)\}|([A-Za-z0-9]))/g, (all, pre: string, base: string, op: string, _g: string, braced?: string, single?: string) => {
    const body = braced ?? single ?? '';
    const r = script(body, op === '^' ? SUP : SUB);
    return r === null ? all : `${pre}${base}${r}`;
  });
  return s;
}
