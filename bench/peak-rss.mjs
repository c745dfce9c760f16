// Preloaded (`node --import`) into the bench's child processes: at exit, writes the process's
// peak resident memory (KB, from getrusage) to the file named by REPLYLINE_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.REPLYLINE_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
