/**
 * Demo Desk routes (client-side history API): `/inbox` (also `/`, which redirects there) and
 * `/conversations/{id}`. Pure functions of the URL; the examples below are the tests' input.
 */
import type { AdapterRoutes, RouteExamples } from '../framework/types';

const CONVERSATION_PATH = /^\/conversations\/(c-[A-Za-z0-9_-]+)\/?$/;

export const demoDeskRoutes: AdapterRoutes = {
  list: (url) => url.pathname === '/inbox' || url.pathname === '/inbox/' || url.pathname === '/',
  conversation: (url) => CONVERSATION_PATH.exec(url.pathname)?.[1] ?? null,
};

export const demoDeskRouteExamples: RouteExamples = {
  list: {
    positive: [
      'http://localhost:4400/inbox',
      'http://localhost:4400/inbox?status=resolved',
      'http://127.0.0.1:4471/inbox/',
      'http://localhost:4400/',
    ],
    negative: [
      'http://localhost:4400/conversations/c-17',
      'http://localhost:4400/api/conversations',
      'http://localhost:4400/inbox/archive',
      'http://localhost:4400/events',
    ],
  },
  conversation: {
    positive: [
      ['http://localhost:4400/conversations/c-17', 'c-17'],
      ['http://127.0.0.1:4471/conversations/c-3/?tab=thread', 'c-3'],
      ['http://localhost:4400/conversations/c-120#e-5', 'c-120'],
    ],
    negative: [
      'http://localhost:4400/inbox',
      'http://localhost:4400/conversations/',
      'http://localhost:4400/conversations/c-17/messages',
      'http://localhost:4400/api/conversations/c-17',
      'http://localhost:4400/conversations/17',
    ],
  },
};
