// The load generator of bench/results-ingest.ts, in its own process so that it does not share the server's event
// loop: autocannon at a fixed overall rate, every request a distinct report (new results, and later reports of
// earlier ones with a higher seq), each from one of the given visitor tokens. Prints autocannon's JSON summary.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';

const { url, tokens, scenario, rate, seconds, connections } = JSON.parse(process.argv[2]);
const open = [];
let n = 0;
const body = () => {
  n++;
  // One report in three is a later report of a conversation already stored, as a page hidden and then closed sends.
  const again = n % 3 === 0 && open.length > 0;
  const r = again
    ? open[n % open.length]
    : { id: randomBytes(12).toString('hex'), seq: -1, startedAt: Date.now(), token: tokens[n % tokens.length] };
  if (!again) (open.push(r), open.length > 5000 && open.shift());
  r.seq++;
  const path = ['ask_email', 'ask_name', 'done'].slice(0, 1 + (r.seq % 3));
  return {
    path: `/api/v1/visitor/results?token=${encodeURIComponent(r.token)}`,
    // The tuple the runtime sends (rest/results.ts, ResultTuple): id, seq, scenario, startedAt, path, variables,
    // completed, handoff.
    body: JSON.stringify([
      r.id,
      r.seq,
      scenario,
      r.startedAt,
      path,
      { email: `lead${n}@example.com`, name: 'Ann "the lead", Jr.' },
      path.length === 3,
      false,
    ]),
  };
};
const result = await autocannon({
  url,
  connections,
  duration: seconds,
  overallRate: rate,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      setupRequest: (req) => ({ ...req, ...body() }),
    },
  ],
});
process.stdout.write(JSON.stringify(result));
