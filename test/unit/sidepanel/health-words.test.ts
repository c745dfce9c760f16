/** The health line in words: what a newcomer reads at the bottom of Now and in Settings → Helpdesks. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HealthLine } from '../../../components/HealthLine';
import { describeHealth } from '../../../lib/sidepanel-state/health';
import type { HealthRecord } from '../../../lib/storage/schema';

const base: HealthRecord = {
  key: 'zendesk|https://acme.zendesk.com|list',
  helpdesk: 'zendesk',
  origin: 'https://acme.zendesk.com',
  route: 'list',
  at: 1_000,
  found: { 'view.row': 8, 'view.rowTicketLink': 8 },
  missing: [],
  conversations: 8,
};

describe('describeHealth', () => {
  it('says how many conversations are read, in words, when everything is found', () => {
    expect(describeHealth(base)).toEqual({
      level: 'ok',
      helpdesk: 'Zendesk',
      text: 'Reading this list: 8 conversations, times exact',
      advice: null,
      detail: null,
    });
    expect(describeHealth({ ...base, route: 'conversation', conversations: 1 }).text).toBe('Reading this conversation: times exact');
    expect(describeHealth({ ...base, conversations: 1 }).text).toBe('Reading this list: 1 conversation, times exact');
  });

  it('a list counted before its rows drew is "checking", not a problem', () => {
    const words = describeHealth({
      ...base,
      found: { 'view.row': 0 },
      missing: ['view.row'],
      conversations: 0,
      missingSince: 1_000,
      lasting: false,
    });
    expect(words.level).toBe('checking');
    expect(words.text).toBe('Reading this list: 0 conversations so far, still drawing, checking again');
    expect(words.detail).toBe('Not found: view.row');
  });

  it('page parts missing for a lasting time are a problem with advice', () => {
    const words = describeHealth({
      ...base,
      found: { 'view.row': 0 },
      missing: ['view.row'],
      conversations: 0,
      missingSince: 1_000,
      lasting: true,
    });
    expect(words.level).toBe('problem');
    expect(words.text).toBe('Cannot read this list: part of the page is not where Replyline looks for it');
    expect(words.advice).toMatch(/^Reload the page\./);
  });

  it('times not read count conversations, not entries; failed requests are named apart', () => {
    const words = describeHealth({
      ...base,
      missing: ['c-1:time:e-1', 'c-1:time:e-2', 'c-2:timezone', '42:api:http-404:/api/v1/ticket_history/:id'],
      lasting: true,
    });
    expect(words.level).toBe('problem');
    expect(words.text).toBe('Reading this list: 8 conversations, times of 2 conversations not exact; requests failed for 1 conversation');
    expect(describeHealth({ ...base, route: 'conversation', missing: ['42:api:http-404:/x'], lasting: true }).text).toBe(
      'Reading this conversation: a request to the helpdesk failed',
    );
  });

  it('a storage failure is a problem whatever the probes say', () => {
    const words = describeHealth({ ...base, route: 'storage', found: {}, conversations: undefined, error: 'Storage is full' });
    expect(words).toMatchObject({ level: 'problem', text: 'Storage is full' });
  });
});

describe('HealthLine', () => {
  it('renders problems first, as text, with the raw parts only in the tooltip', () => {
    const html = renderToStaticMarkup(
      createElement(HealthLine, {
        records: [
          base,
          { ...base, key: 'k2', route: 'conversation', at: 500, missing: ['<b>x</b>'], conversations: 1, missingSince: 0, lasting: true },
        ],
      }),
    );
    expect(html.indexOf('health-problem')).toBeGreaterThan(-1);
    expect(html.indexOf('health-problem')).toBeLessThan(html.indexOf('health-ok'));
    expect(html).toContain('title="Not found: &lt;b&gt;x&lt;/b&gt;"');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('Reading this list: 8 conversations, times exact');
  });
});
