/**
 * How conversations and agents are named in the views: an agent by display name (else id), a
 * conversation by its customer's display name when the user allows customer names (Settings →
 * Privacy) and a page showed it, else by the helpdesk's ticket number. Always rendered as text.
 */
import { useNamesStore } from '@/lib/sidepanel-state/names';
import { useStoredData } from './hooks';

/** A conversation: the customer's name (with the ticket number beside it), else the ticket number; a link when known. */
export function ConversationName({
  conversationId,
  customer,
  link,
}: {
  conversationId: string;
  customer?: string | undefined;
  link?: string | null;
}) {
  const text = customer ?? conversationId;
  return (
    <>
      {link ? (
        <a href={link} target="_blank" rel="noreferrer" data-conversation-label={customer ? 'customer' : 'number'}>
          {text}
        </a>
      ) : (
        <span data-conversation-label={customer ? 'customer' : 'number'}>{text}</span>
      )}
      {customer ? <span className="muted small"> {conversationId}</span> : null}
    </>
  );
}

/** The stored names, loaded once per page and re-read when stored data changes. */
export function useNames(): { agents: Record<string, string>; customers: Record<string, string>; sites: Record<string, string> } {
  const load = useNamesStore((s) => s.load);
  useStoredData(load);
  const agents = useNamesStore((s) => s.agents);
  const customers = useNamesStore((s) => s.customers);
  const sites = useNamesStore((s) => s.sites);
  return { agents, customers, sites };
}

/** An agent's display name, else its id; `none` when there is no agent. */
export function agentText(agents: Readonly<Record<string, string>>, agentId: string | null | undefined, none = 'nobody'): string {
  if (!agentId) return none;
  return agents[agentId] ?? agentId;
}
