/** The queue's target wording, shared by the file-based and the hub Team queues. */
import { describe, expect, it } from 'vitest';
import { queueTargetText } from '../../../components/format';

const DUE = Date.parse('2026-11-24T10:40:00Z');

describe('queueTargetText', () => {
  it('names the state, the clock and the due time in the team time zone', () => {
    expect(queueTargetText({ kind: 'firstResponse', dueAt: DUE }, 'at_risk', DUE - 60_000, 'Europe/Berlin')).toBe(
      'At risk · first response · due 11:40',
    );
  });
  it('says how far past due a breached clock is', () => {
    expect(queueTargetText({ kind: 'nextResponse', dueAt: DUE }, 'breached', DUE + 5 * 60_000, 'UTC')).toBe(
      'Breached · next response · over 5m 00s',
    );
  });
  it('has no due part without a due time, and words for met clocks', () => {
    expect(queueTargetText({ kind: 'resolution', dueAt: null }, 'met', DUE, 'UTC')).toBe('Met · resolution');
  });
});
