import { paramCounts, type Geometry } from './conv';

const big = (n: number) => n.toLocaleString('en-US');

/** Parameters of the conv layer against a dense layer with the same outputs, on the current settings. */
export function CountView({ g, filters }: { g: Geometry; filters: number }) {
  if (g.out < 1) return <p className="note">The kernel does not fit: no output, nothing to count.</p>;
  const c = paramCounts(g.n, 1, g.k, filters, g.out);
  return (
    <div className="count">
      <table className="counts">
        <caption>
          {filters} kernel{filters > 1 ? 's' : ''} of {g.k} × {g.k} on a {g.n} × {g.n} image: {filters} × {g.out} × {g.out} = {big(c.outputs)} outputs
        </caption>
        <tbody>
          <tr>
            <th scope="row">Convolution</th>
            <td>
              {filters} × ({g.k}·{g.k} + 1)
            </td>
            <td data-testid="conv-params">{big(c.conv)}</td>
          </tr>
          <tr>
            <th scope="row">Dense, same outputs</th>
            <td>
              {g.n * g.n} × {big(c.outputs)} + {big(c.outputs)}
            </td>
            <td data-testid="dense-params">{big(c.dense)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        The dense layer needs {big(Math.round(c.dense / c.conv))} times as many. Each convolution output reads {g.k * g.k} pixels (sparse interactions), and the
        same {g.k * g.k + 1} numbers per kernel serve every position (parameter sharing); each dense output reads all {g.n * g.n}.
      </p>
    </div>
  );
}
