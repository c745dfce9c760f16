/** Read-only queries of the side panel (each in one short transaction). */
import type { ReplylineDb } from './db';
import type { ActivityRecord, ConversationRecord, EventRecord, FocusState, HealthRecord, SignedInAgentState } from './schema';

export interface FocusedConversation {
  focus: FocusState;
  record: ConversationRecord | undefined;
  events: EventRecord[];
  activity: ActivityRecord[];
}

export async function readFocused(db: ReplylineDb): Promise<FocusedConversation | null> {
  const tx = db.transaction(['state', 'conversations', 'events', 'activity'], 'readonly');
  const focus = (await tx.objectStore('state').get('focus')) as FocusState | undefined;
  if (!focus) {
    await tx.done;
    return null;
  }
  const [record, events, activity] = await Promise.all([
    tx.objectStore('conversations').get(focus.conversationKey),
    tx.objectStore('events').index('by-conversation').getAll(focus.conversationKey),
    tx.objectStore('activity').index('by-conversation').getAll(focus.conversationKey),
  ]);
  await tx.done;
  return { focus, record, events, activity };
}

export async function readSignedInAgent(db: ReplylineDb): Promise<SignedInAgentState | null> {
  return ((await db.get('state', 'agent')) as SignedInAgentState | undefined) ?? null;
}

export async function readHealth(db: ReplylineDb, helpdesk?: string): Promise<HealthRecord[]> {
  const records = helpdesk ? await db.getAllFromIndex('health', 'by-helpdesk', helpdesk) : await db.getAll('health');
  return records.sort((a, b) => b.at - a.at);
}
