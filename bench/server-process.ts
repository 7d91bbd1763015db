/** The server a benchmark runs in its own process (`npm start`'s way): its pid and its resident memory. */
import { readFileSync } from 'node:fs';

/** Resident set size of a process, MiB, from /proc. */
export function processRssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/** The server's own pid, from its "listening" log line (npx and tsx sit between); the line may come just after /healthz. */
export async function serverPid(output: () => string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const match = /"pid":(\d+)[^\n]*Chatlet is listening/.exec(output());
    if (match) return Number(match[1]);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server never logged its pid:\n${output()}`);
}
