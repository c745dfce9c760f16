import { describe, expect, it } from 'vitest';
import { numberInOrder, numberInPageOrder } from '../../../lib/adapters/framework/order';
import type { ObservedEvent } from '../../../lib/messaging/protocol';

const event = (id: string, at: number): ObservedEvent => ({ id, at, type: 'message', author: 'customer' });

describe('numbering events in the helpdesk order', () => {
  it('numbers a list given oldest first as it stands', () => {
    expect(numberInOrder([event('a', 1), event('b', 1), event('c', 2)]).map((e) => [e.id, e.position])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('a page listing the newest first is numbered from its end', () => {
    expect(numberInPageOrder([event('c', 5), event('b', 3), event('a', 3)]).map((e) => [e.id, e.position])).toEqual([
      ['c', 2],
      ['b', 1],
      ['a', 0],
    ]);
  });

  it('a page listing the oldest first, or events all of one time, is numbered in page order', () => {
    expect(numberInPageOrder([event('a', 3), event('b', 3), event('c', 5)]).map((e) => e.position)).toEqual([0, 1, 2]);
    expect(numberInPageOrder([event('a', 3), event('b', 3)]).map((e) => e.position)).toEqual([0, 1]);
  });
});
