/**
 * The Demo Desk as the screenshot scripts stage it: a seeded history of 30 conversations, the
 * simulator off (nothing moves between the shots), and a live queue placed on top of it with
 * waits on track, at risk and breached. Used by scripts/store-screenshots.ts and guide-screenshots.ts.
 */
import { startDemoDesk } from '../demo/server/main.ts';

const MIN = 60_000;

export async function startStagedDesk(): Promise<{ desk: Awaited<ReturnType<typeof startDemoDesk>>; focused: string }> {
  const desk = await startDemoDesk({ port: 0, host: '127.0.0.1', seed: 42, sim: false, conversations: 30 });
  const placed = await placeQueue(desk.url);
  // The conversation shown in the Now view: at risk, with a follow-up nobody has answered yet.
  return { desk, focused: placed[2] };
}

async function placeQueue(deskUrl: string): Promise<string[]> {
  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${deskUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  interface Placed {
    name: string;
    channel: 'chat' | 'email';
    /** Minutes before now. */
    ago: number;
    body: string;
    assignee?: string;
    then?: Array<{ author: 'agent' | 'customer'; ago: number; body: string }>;
  }

  async function place(conversation: Placed): Promise<string> {
    const now = Date.now();
    const at = (minutes: number) => new Date(now - minutes * MIN).toISOString();
    const { conversation: created } = await post<{ conversation: { id: string } }>('/api/conversations', {
      customerName: conversation.name,
      channel: conversation.channel,
      body: conversation.body,
      at: at(conversation.ago),
    });
    if (conversation.assignee)
      await post(`/api/conversations/${created.id}/assign`, { agentId: conversation.assignee, at: at(conversation.ago - 0.5) });
    for (const message of conversation.then ?? [])
      await post(`/api/conversations/${created.id}/messages`, {
        author: message.author,
        agentId: message.author === 'agent' ? conversation.assignee : undefined,
        body: message.body,
        at: at(message.ago),
      });
    return created.id;
  }

  const queue: Placed[] = [
    { name: 'Sofia Ricci', channel: 'chat', ago: 2.2, body: 'Can I still change the delivery address on my order?' },
    { name: 'Lukas Brandt', channel: 'email', ago: 6.5, body: 'The invoice for March shows the wrong VAT number.', assignee: 'a-2' },
    {
      name: 'Amara Okafor',
      channel: 'chat',
      ago: 8.4,
      body: 'I was charged twice for the same subscription this month.',
      assignee: 'a-1',
      then: [{ author: 'customer', ago: 3, body: 'Hello? Is anyone looking at this?' }],
    },
    { name: 'Jonas Weber', channel: 'chat', ago: 12.3, body: 'The app closes as soon as I open my saved lists.', assignee: 'a-4' },
    {
      name: 'Mei Tanaka',
      channel: 'email',
      ago: 26,
      body: 'Could you send me a copy of my contract?',
      assignee: 'a-3',
      then: [
        { author: 'agent', ago: 21, body: 'Of course — which address should I send it to?' },
        { author: 'customer', ago: 4.2, body: 'To this one, please. Thank you!' },
      ],
    },
    {
      name: 'Noah Fischer',
      channel: 'chat',
      ago: 3.1,
      body: 'Is the blue model back in stock?',
      assignee: 'a-1',
      then: [{ author: 'agent', ago: 1.2, body: 'It is, since this morning.' }],
    },
  ];
  const placed: string[] = [];
  for (const conversation of queue) placed.push(await place(conversation));
  return placed;
}
