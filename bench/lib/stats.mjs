// Statistics and table printing shared by the bench parts. The machine is shared and noisy, so every part
// interleaves the implementations round by round (A B C, A B C, …) and reports the median per round plus
// the spread (min–max of the round figures); ratios are the median of per-round ratios, each taken side by
// side in the same round.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function summarize(rounds) {
  return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), rounds };
}

/** Per-round ratio peer/us, then its median: how many times more the peer costs. */
export function ratio(peerRounds, usRounds) {
  return median(peerRounds.map((p, i) => p / usRounds[i]));
}

/**
 * Run `rounds` rounds; in each, every case runs `iterations` times (after `warmup` untimed runs in the first
 * round) and its mean per-op time in µs is recorded. Cases run in a rotated order each round.
 * @param {Record<string, () => unknown | Promise<unknown>>} cases
 */
export async function timeCases(cases, { rounds, iterations, warmup = iterations, clock = "wall" }) {
  // "cpu": the process's CPU time (all threads: WebCrypto's thread pool included), steadier than wall
  // time on a machine shared with other jobs; "wall" for anything that waits on IO.
  const now = clock === "cpu" ? () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; } : () => Number(process.hrtime.bigint());
  const names = Object.keys(cases);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  for (const n of names) for (let i = 0; i < warmup; i++) await cases[n]();
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const n of order) {
      const fn = cases[n];
      const t0 = now();
      for (let i = 0; i < iterations; i++) await fn();
      out[n].push((now() - t0) / 1000 / iterations);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(out[n])]));
}

const fmt = (v, unit) => {
  if (unit === "KB") return (v / 1024).toFixed(1);
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
};

/**
 * Print one table: rows of { name, stat: {median,min,max} | value, ratio? } with the unit given.
 * `ratio` is "peer ÷ us" (> 1: we are cheaper) and is left blank on our own rows.
 */
export function printTable(title, unit, rows) {
  console.log(`\n## ${title}  (${unit}; median [min–max] over rounds; ratio = peer ÷ us)`);
  const w = Math.max(...rows.map((r) => r.name.length), 10);
  for (const r of rows) {
    const s = r.stat;
    const val = s && typeof s === "object"
      ? `${fmt(s.median, unit).padStart(9)} [${fmt(s.min, unit)}–${fmt(s.max, unit)}]`
      : String(s === undefined ? "" : fmt(s, unit)).padStart(9);
    const rat = r.ratio === undefined ? "" : `  ×${r.ratio.toFixed(r.ratio >= 10 ? 0 : 2)}`;
    console.log(`  ${r.name.padEnd(w)} ${val.padEnd(28)}${rat}${r.note ? `  ${r.note}` : ""}`);
  }
}
