// Prints one line of a Lighthouse JSON report: performance score, total
// blocking time and the other timings, the bytes transferred, and
// Lighthouse's benchmark of the machine's CPU (BI: see ../lighthouse.sh).
//
//   node report.mjs <label> <report.json>
import { readFileSync } from 'node:fs';

const [label, file] = process.argv.slice(2);
const r = JSON.parse(readFileSync(file, 'utf8'));
const a = (id) => r.audits[id]?.numericValue ?? NaN;
const ms = (id) => String(Math.round(a(id))).padStart(6);
const kb = Math.round(a('total-byte-weight') / 1024);
console.log(`${label.padEnd(40)} ${String(Math.round(r.categories.performance.score * 100)).padStart(5)} ${ms('total-blocking-time')} ${ms('first-contentful-paint')} ${ms('largest-contentful-paint')} ${ms('speed-index')} ${ms('interactive')} ${String(kb).padStart(6)} ${String(Math.round(r.environment.benchmarkIndex)).padStart(5)}`);
