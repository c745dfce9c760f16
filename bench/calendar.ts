/**
 * Micro-benchmark of the business clock: nanoseconds per workingMs / addWorkingMs call over
 * 1M random calls on a Berlin office calendar, spread over one year.
 * Run: node --import tsx bench/calendar.ts
 */
import { hourOfWeek, isoWeekKey, localDate } from '../lib/engine/local-time';
import { compileCalendar } from '../lib/engine/business-clock';

const CALLS = 1_000_000;
const HOUR = 3_600_000;
const YEAR_FROM = Date.parse('2026-01-01T00:00:00Z');
const YEAR_MS = 365 * 24 * HOUR;

const clock = compileCalendar({
  timezone: 'Europe/Berlin',
  week: {
    mon: [['09:00', '17:00']],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [
      ['09:00', '17:00'],
      ['22:00', '24:00'],
    ],
    sat: [['00:00', '06:00']],
  },
  holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26'],
});

// A small deterministic generator, so runs are comparable.
let seed = 0x2f6b1d3;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 2 ** 32;
}

const starts = new Float64Array(CALLS);
const lengths = new Float64Array(CALLS);
for (let i = 0; i < CALLS; i++) {
  starts[i] = YEAR_FROM + Math.floor(random() * YEAR_MS);
  // Spans from seconds to two weeks, like first-response and resolution times.
  lengths[i] = Math.floor(random() ** 3 * 14 * 24 * HOUR);
}

function time(label: string, run: () => number): void {
  run(); // warm-up: JIT and the lazily built calendar
  const begin = process.hrtime.bigint();
  const checksum = run();
  const ns = Number(process.hrtime.bigint() - begin);
  console.log(
    `${label.padEnd(14)} ${(ns / CALLS).toFixed(0).padStart(5)} ns/call   (${CALLS} calls, ${(ns / 1e6).toFixed(0)} ms, checksum ${checksum})`,
  );
}

const coldBegin = process.hrtime.bigint();
clock.workingMs(YEAR_FROM, YEAR_FROM + YEAR_MS + 30 * 24 * HOUR);
console.log(`first call (builds ~13 months of days): ${(Number(process.hrtime.bigint() - coldBegin) / 1e6).toFixed(1)} ms`);

time('workingMs', () => {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += clock.workingMs(starts[i], starts[i] + lengths[i]);
  return sum;
});

time('addWorkingMs', () => {
  let sum = 0;
  // Business-time targets up to ~3 working days.
  for (let i = 0; i < CALLS; i++) sum += clock.addWorkingMs(starts[i], lengths[i] % (24 * HOUR)) % 1000;
  return sum;
});

time('localDate', () => {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += localDate(starts[i], 'Europe/Berlin').length;
  return sum;
});

time('isoWeekKey', () => {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += isoWeekKey(starts[i], 'Europe/Berlin').length;
  return sum;
});

time('hourOfWeek', () => {
  let sum = 0;
  for (let i = 0; i < CALLS; i++) sum += hourOfWeek(starts[i], 'Europe/Berlin');
  return sum;
});
