/**
 * Drawflow's own record of an edge: a connection entry on the output and one on the input. The
 * canvas keeps it in step with the edges it draws, because Drawflow reads it while dragging.
 */
type Data = Record<string, any>;

/** Records an edge from output `port` (0-based) of node `from` to the input of node `to`. */
export function linkData(data: Data, from: number | string, port: number, to: number | string): void {
  data[from]?.outputs[`output_${port + 1}`]?.connections.push({ node: String(to), output: 'input_1' });
  data[to]?.inputs.input_1?.connections.push({ node: String(from), input: `output_${port + 1}` });
}

/** Forgets that edge (however Drawflow recorded it: `port` 0-based, input `input_1` unless named). */
export function unlinkData(
  data: Data,
  from: number | string,
  port: number,
  to: number | string,
  input = 'input_1',
): void {
  const out = data[from]?.outputs[`output_${port + 1}`];
  if (out) out.connections = out.connections.filter((c: { node: string }) => c.node !== String(to));
  const inp = data[to]?.inputs[input];
  if (inp)
    inp.connections = inp.connections.filter(
      (c: { node: string; input: string }) => !(c.node === String(from) && c.input === `output_${port + 1}`),
    );
}
