/**
 * The level set {v = level} of a row-major grid [rows, cols] as an SVG path
 * in the 0..1 box, by marching squares; sample (r, c) sits at the pixel centre
 * ((c + 1/2) / cols, (r + 1/2) / rows). Unlike filled contours it draws no
 * edges along the border of the grid.
 */
export function isoline(values: ArrayLike<number>, rows: number, cols: number, level: number): string {
  const px = (c: number) => ((c + 0.5) / cols).toFixed(4);
  const py = (r: number) => ((r + 0.5) / rows).toFixed(4);
  let d = '';
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      // corners in order: top-left, top-right, bottom-right, bottom-left
      const v = [values[r * cols + c], values[r * cols + c + 1], values[(r + 1) * cols + c + 1], values[(r + 1) * cols + c]];
      const pts: string[] = [];
      const edges: [number, number, number, number][] = [
        [0, 1, r, c], // top edge, along c
        [1, 2, r, c + 1], // right edge, along r
        [3, 2, r + 1, c], // bottom edge, along c
        [0, 3, r, c], // left edge, along r
      ];
      edges.forEach(([a, b, er, ec], k) => {
        if (v[a] >= level === v[b] >= level) return;
        const t = (level - v[a]) / (v[b] - v[a]);
        pts.push(k % 2 === 0 ? `${px(ec + t)},${py(er)}` : `${px(ec)},${py(er + t)}`);
      });
      // 2 crossings: one segment; 4 (a saddle): two segments, pairing neighbours
      for (let k = 0; k + 1 < pts.length; k += 2) d += `M${pts[k]}L${pts[k + 1]}`;
    }
  }
  return d;
}
