/** The Now view's cards rendered to markup: effort breakdown, checklist pre-ticks and score, CSAT. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EffortCues, effortRows } from '../../../components/now/EffortCues';
import { Checklist, checklistProgress, formatQaScore } from '../../../components/now/Checklist';
import { NowView } from '../../../components/NowView';
import { BadgeLegend } from '../../../components/now/BadgeLegend';
import { defaultChecklistTemplate } from '../../../lib/settings/model';
import type { NowView as NowData } from '../../../lib/sidepanel-state/store';
import type { ConversationMetrics } from '../../../lib/engine/types';

const cues = { unansweredFollowUps: 2, reopens: 1, transfers: 0, longWait: true, score: 6 };

describe('effort cues', () => {
  it('break the score down into count × weight per cue (weights from definitions.ts)', () => {
    expect(effortRows(cues).map((r) => [r.id, r.count, r.weight, r.contribution])).toEqual([
      ['unanswered-follow-ups', 2, 1, 2],
      ['reopens', 1, 2, 2],
      ['transfers', 0, 1, 0],
      ['long-wait', 1, 2, 2],
    ]);
    const html = renderToStaticMarkup(createElement(EffortCues, { cues }));
    expect(html).toContain('data-effort-score="6"');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('2 unanswered follow-ups');
    expect(html).toContain('1 reopen<');
    // The breakdown is in the page, hidden until the disclosure opens.
    expect(html).toMatch(/<div id="[^"]+" hidden="">/);
  });
});

describe('checklist', () => {
  it('pre-ticks auto-checked items, scores them and offers N/A only where allowed', () => {
    const template = defaultChecklistTemplate();
    const html = renderToStaticMarkup(
      createElement(Checklist, {
        template,
        review: null,
        autoChecks: { greeting: true, customerName: true, closing: false, noUnansweredQuestion: false },
        onAnswers: () => undefined,
      }),
    );
    // Greeting and name pre-ticked, both passed; the other five unanswered do not count yet.
    expect(html).toContain('data-qa-score="1"');
    expect(html).toContain('>100 %<');
    expect(html).toContain('qa-partial');
    expect(html).toContain('2 of 7 answered · 100 % of answered passed');
    expect((html.match(/qa-badge-auto/g) ?? []).length).toBe(2);
    expect((html.match(/value="na"/g) ?? []).length).toBe(template.items.filter((i) => i.allowNa).length);
    expect(formatQaScore(null)).toBe('—');
    expect(checklistProgress({ score: 0.75, answered: 8, total: 8, criticalFailed: false })).toBe('8 of 8 answered · 75 %');
    expect(checklistProgress({ score: 0, answered: 3, total: 8, criticalFailed: true })).toBe('3 of 8 answered · a critical item failed');
    expect(checklistProgress({ score: null, answered: 0, total: 8, criticalFailed: false })).toBe('0 of 8 answered · no score yet');
    expect(checklistProgress({ score: null, answered: 2, total: 8, criticalFailed: false })).toBe('2 of 8 answered · all N/A, no score');
    expect(formatQaScore(0)).toBe('0 %');
  });
});

describe('NowView', () => {
  it('shows the CSAT and CES ratings when known', () => {
    const metrics = { csat: 4, ces: 3, handleSeconds: 0 } as unknown as ConversationMetrics;
    const data: NowData = {
      record: null,
      conversationKey: 'demo-desk|http://localhost|c-1',
      conversationId: 'c-1',
      helpdesk: 'demo-desk',
      metrics,
      plan: null,
      template: null,
      review: null,
      outcome: { conversationKey: 'demo-desk|http://localhost|c-1', tags: ['renewal'], agentId: null, updatedAt: 0 },
      autoChecks: null,
      composeCheckedAt: null,
    };
    const html = renderToStaticMarkup(createElement(NowView, { data, health: [], now: 0, timezone: 'UTC' }));
    expect(html).toContain('CSAT 4/5');
    expect(html).toContain('rating-good');
    expect(html).toContain('CES 3/7');
    expect(html).toContain('rating-poor');
    expect(html).toMatch(/aria-pressed="true"[^>]*>Renewal</);
  });
});

describe('badge legend', () => {
  it('explains grey, green, amber, red, dashed and no badge, in the overlay colours', () => {
    const html = renderToStaticMarkup(createElement(BadgeLegend));
    expect([...html.matchAll(/data-tone="([a-z_]+)"/g)].map((m) => m[1])).toEqual([
      'on_track',
      'at_risk',
      'breached',
      'neutral',
      'unknown',
      'idle',
    ]);
    expect(html).toContain('no response target is running');
    // The green swatch is drawn with the badge's own on-track colours (lib/overlay/styles.ts).
    expect(html).toContain('color:#0b6b3a;background:#e6f6ec;border-color:#b4e2c5');
    expect(html).toContain('<summary>What the inbox badges mean</summary>');
  });
  it('sits in the Now view with nothing open', () => {
    const html = renderToStaticMarkup(createElement(NowView, { data: null, health: [], now: 0, timezone: 'UTC' }));
    expect(html).toContain('What the inbox badges mean');
  });
});
