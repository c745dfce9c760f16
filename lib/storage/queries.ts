/** Read-only queries of the side panel (each in one short transaction). */
import type { ReplylineDb } from './db';
import type { FocusState, HealthRecord, MetricsRecord, SignedInAgentState } from './schema';
import type { ConversationRecord } from '../measure/stored';

/** The conversation in front of the agent: its facts and its metrics as the worker last measured them. */
export interface FocusedConversation {
  focus: FocusState;
  record: ConversationRecord | undefined;
  measured: MetricsRecord | undefined;
}

export async function readFocused(db: ReplylineDb): Promise<FocusedConversation | null> {
  const tx = db.transaction(['state', 'conversations', 'metrics'], 'readonly');
  const focus = (await tx.objectStore('state').get('focus')) as FocusState | undefined;
  if (!focus) {
    await tx.done;
    return null;
  }
  const [record, measured] = await Promise.all([
    tx.objectStore('conversations').get(focus.conversationKey),
    tx.objectStore('metrics').get(focus.conversationKey),
  ]);
  await tx.done;
  return { focus, record, measured };
}

export async function readSignedInAgent(db: ReplylineDb): Promise<SignedInAgentState | null> {
  return ((await db.get('state', 'agent')) as SignedInAgentState | undefined) ?? null;
}

export async function readHealth(db: ReplylineDb, helpdesk?: string): Promise<HealthRecord[]> {
  const records = helpdesk ? await db.getAllFromIndex('health', 'by-helpdesk', helpdesk) : await db.getAll('health');
  return records.sort((a, b) => b.at - a.at);
}
