/** The lesson's prose (placeholder until the measured story is written). */
export function Story() {
  return <p>TBD</p>;
}
