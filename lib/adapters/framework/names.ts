/**
 * Display names read from a helpdesk page (agents' and customers'): one line of text, trimmed and
 * cut short. Read with textContent or an attribute only, so markup in a name stays text.
 */
import { MAX_DISPLAY_NAME_LENGTH, type PageNames } from '../../messaging/protocol';

/** A shown name as one trimmed line, or null when the element shows none (empty, a dash placeholder). */
export function cleanName(text: string | null | undefined): string | null {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!line || /^[—–-]+$/.test(line)) return null;
  return line.length > MAX_DISPLAY_NAME_LENGTH ? line.slice(0, MAX_DISPLAY_NAME_LENGTH) : line;
}

/** Collects names, the first one read for an id winning; empty ids and names are skipped. */
export class NamesCollector {
  private readonly agents = new Map<string, string>();
  private readonly customers = new Map<string, string>();

  agent(agentId: string | null | undefined, text: string | null | undefined): void {
    const name = cleanName(text);
    if (agentId && name && !this.agents.has(agentId)) this.agents.set(agentId, name);
  }

  customer(conversationId: string | null | undefined, text: string | null | undefined): void {
    const name = cleanName(text);
    if (conversationId && name && !this.customers.has(conversationId)) this.customers.set(conversationId, name);
  }

  result(): PageNames {
    return {
      agents: [...this.agents].map(([agentId, name]) => ({ agentId, name })),
      customers: [...this.customers].map(([conversationId, name]) => ({ conversationId, name })),
    };
  }
}
