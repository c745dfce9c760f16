import { createHub } from './src/server';
import { ingestObservations } from './src/ingest';
import { teamReport } from './src/report';
const BASE = Date.UTC(2026, 10, 23, 8);
const hub = await createHub({ logger: false, schedulerIntervalMs: 0 });
const N = Number(process.env.N ?? 10000);
let t = performance.now();
for (let b = 0; b < N / 100; b++) {
  const conversations = [];
  for (let c = 0; c < 100; c++) {
    const i = b * 100 + c; const start = BASE + i * 60000;
    const events = [];
    for (let e = 0; e < 10; e++) events.push(e === 9 ? { id: `e${e}`, at: start + e * 120000, type: 'status', status: 'resolved', agentId: `a-${i % 50}` } : { id: `e${e}`, at: start + e * 120000, type: 'message', author: e % 2 === 0 ? 'customer' : 'agent', ...(e % 2 === 1 && { agentId: `a-${i % 50}` }) });
    conversations.push({ conversationId: `c-${i}`, channel: 'chat', createdAt: start, status: 'resolved', assigneeId: `a-${i % 50}`, events });
  }
  await ingestObservations(hub.database, { tokenId: 't', agentId: 'a-1' }, [{ type: 'cs:observations', documentId: 'd', seq: b, helpdesk: 'bench', origin: 'https://bench.test', url: 'https://bench.test/', conversations, activity: [] }] as never, Date.now());
}
console.log('ingest', performance.now() - t);
for (let r = 0; r < 2; r++) {
  t = performance.now();
  const report = await teamReport(hub.database.db, { now: Date.now() });
  console.log('report', performance.now() - t, report.conversations.length);
}
await hub.close();
