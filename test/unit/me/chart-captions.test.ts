/** A chart's caption is its title: it comes first in its figure, so it never reads as the next chart's title. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HourChart } from '../../../components/HourChart';
import { FirstResponseChart } from '../../../components/team/FirstResponseChart';
import type { AgentRow } from '../../../lib/sidepanel-state/team';

/** The first element inside each <figure>. */
function firstChildren(html: string): string[] {
  return [...html.matchAll(/<figure[^>]*>\s*<([a-z]+)/g)].map((m) => m[1]);
}

describe('chart captions', () => {
  it('the hour chart opens with its caption', () => {
    const html = renderToStaticMarkup(createElement(HourChart, { byHour: Array.from({ length: 24 }, () => 1), mine: null }));
    expect(firstChildren(html)).toEqual(['figcaption']);
    expect(html).toContain('<figcaption>Replies per hour today</figcaption>');
  });

  it('the first-response chart by agent opens with its caption', () => {
    const row = { agentId: 'a-1', firstResponse: { value: 600, n: 4 }, csat: { value: 0.75 } } as unknown as AgentRow;
    const html = renderToStaticMarkup(createElement(FirstResponseChart, { rows: [row], clock: 'business' }));
    expect(firstChildren(html)).toEqual(['figcaption']);
    expect(html).toContain('First response median by agent (business minutes)');
  });
});
