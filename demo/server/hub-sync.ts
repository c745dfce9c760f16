/**
 * The Demo Desk's simulated agents send what they see to a team hub, as the extension would:
 * `cs:observations` batches (lib/messaging/protocol.ts) to `POST /v1/observations`, each agent
 * with their own token, a conversation sent by its assignee (unassigned ones by the first
 * agent, who watches the inbox). Changes are collected and sent once a second; a failed send
 * is retried with the next one, so nothing is lost while the hub is briefly away.
 */
import { randomBytes } from 'node:crypto';
import type { CsObservations, ObservedConversation } from '../../lib/messaging/protocol.ts';
import { observedFromEngineEvent } from '../../lib/measure/from-timeline.ts';
import { eventFromTimeline } from '../../lib/timeline/convert.ts';
import type { DemoDesk } from './server.ts';
import { toTimelineEvent } from './store.ts';

export interface HubSyncOptions {
  /** The hub's base URL, e.g. http://127.0.0.1:4500 */
  hubUrl: string;
  /** Tokens by agent id; agents without one send with `fallbackToken`. */
  tokens: Record<string, string>;
  fallbackToken?: string;
  intervalMs?: number;
  /** Called with a readable message when a send fails (it is retried). */
  onError?: (message: string) => void;
}

export interface HubSync {
  /** Sends what is pending now. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** An admin token makes one agent token per Demo Desk agent; returns them by agent id. */
export async function createAgentTokens(hubUrl: string, adminToken: string, desk: DemoDesk): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const agent of desk.store.agents) {
    const response = await fetch(`${hubUrl}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'agent', name: agent.name, agentId: agent.id }),
    });
    if (!response.ok) throw new Error(`creating a token for ${agent.name}: ${response.status} ${await response.text()}`);
    tokens[agent.id] = ((await response.json()) as { token: string }).token;
  }
  return tokens;
}

export function startHubSync(desk: DemoDesk, options: HubSyncOptions): HubSync {
  const origin = new URL(desk.url).origin;
  const pending = new Set<string>(desk.store.allConversations().map((c) => c.id));
  const documentId = `demo-hub-sync-${randomBytes(6).toString('hex')}`;
  let seq = 0;
  const unsubscribe = desk.store.onChange((ids) => ids.forEach((id) => pending.add(id)));

  const observe = (id: string): { agentId: string | null; observed: ObservedConversation } | null => {
    const conversation = desk.store.conversation(id);
    if (!conversation) return null;
    const events = conversation.events.map((event, position) => ({
      ...observedFromEngineEvent(eventFromTimeline(toTimelineEvent(event)), position),
      position,
    }));
    return {
      agentId: conversation.derived.assigneeId,
      observed: {
        conversationId: conversation.id,
        channel: conversation.channel,
        createdAt: conversation.createdAt,
        customerId: conversation.customerId,
        status: conversation.derived.status,
        assigneeId: conversation.derived.assigneeId,
        waitingSince: conversation.derived.waitingSince,
        events,
      },
    };
  };

  let sending: Promise<void> = Promise.resolve();
  const send = async () => {
    if (pending.size === 0) return;
    const ids = [...pending];
    pending.clear();
    const byToken = new Map<string, { agentId: string; ids: string[]; conversations: ObservedConversation[] }>();
    const firstAgent = desk.store.agents[0]?.id ?? 'agent';
    for (const id of ids) {
      const seen = observe(id);
      if (!seen) continue;
      const agentId = seen.agentId ?? firstAgent;
      const token = options.tokens[agentId] ?? options.fallbackToken;
      if (!token) continue;
      const group = byToken.get(token) ?? { agentId, ids: [], conversations: [] };
      group.ids.push(id);
      group.conversations.push(seen.observed);
      byToken.set(token, group);
    }
    for (const [token, group] of byToken) {
      const batch: CsObservations = {
        type: 'cs:observations',
        documentId,
        seq: seq++,
        helpdesk: 'demo-desk',
        origin,
        url: `${desk.url}/inbox`,
        agentId: group.agentId,
        conversations: group.conversations,
        activity: [],
      };
      try {
        const response = await fetch(`${options.hubUrl}/v1/observations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ batches: [batch] }),
        });
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      } catch (error) {
        group.ids.forEach((id) => pending.add(id));
        options.onError?.(`hub sync: sending ${group.ids.length} conversation(s) failed, will retry: ${(error as Error).message}`);
      }
    }
  };
  const flush = () => (sending = sending.then(send));
  const timer = setInterval(() => void flush(), options.intervalMs ?? 1000);
  return {
    flush,
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await sending;
    },
  };
}
