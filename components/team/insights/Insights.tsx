/** The Team view's Insights: automation, value, topics, repeat contacts and agent development. */
import { useEffect, useMemo, useState } from 'react';
import type { Period } from '@/lib/engine/summary';
import { getDb } from '@/lib/storage/db';
import type { OutcomeRecord } from '@/lib/storage/schema';
import type { TeamData, TeamDetail, TeamFilters } from '@/lib/sidepanel-state/team';
import { analyticsInputs, buildInsights } from './insights-data';
import { AutomationInsights } from './AutomationInsights';
import { ValueInsights } from './ValueInsights';
import { TopicInsights } from './TopicInsights';
import { DevelopmentInsights } from './DevelopmentInsights';
import { openReview } from './review-link';
import './insights.css';

/** Outcome records, re-read whenever the Team view reloads its data. */
function useOutcomes(loadedAt: number): OutcomeRecord[] {
  const [outcomes, setOutcomes] = useState<OutcomeRecord[]>([]);
  useEffect(() => {
    let live = true;
    void getDb()
      .then((db) => db.getAll('outcomes'))
      .then((records) => live && setOutcomes(records))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [loadedAt]);
  return outcomes;
}

export function Insights({
  data,
  detail,
  period,
  filters,
}: {
  data: TeamData;
  detail: TeamDetail;
  period: Period;
  filters: Pick<TeamFilters, 'channel' | 'agent'>;
}) {
  const outcomes = useOutcomes(data.loadedAt);
  const inputs = useMemo(
    () => analyticsInputs(data.conversations, detail, data.reviews, outcomes, filters),
    [data, detail, outcomes, filters],
  );
  const insights = useMemo(
    () => buildInsights(inputs, data.settings, period, data.loadedAt),
    [inputs, data.settings, period, data.loadedAt],
  );
  const clock = data.settings.targets.clock;
  return (
    <section className="team-block insights" aria-labelledby="team-insights-title">
      <div className="insights-head">
        <h3 id="team-insights-title">Insights</h3>
        <button type="button" className="pill-button" onClick={() => openReview('team')}>
          Weekly review
        </button>
      </div>
      <AutomationInsights automation={insights.automation} clock={clock} />
      <ValueInsights impact={insights.impact} />
      <TopicInsights topics={insights.topics} rising={insights.rising} repeat={insights.repeat} clock={clock} labels={inputs.labels} />
      <DevelopmentInsights productivity={insights.productivity} trends={insights.trends} weeks={insights.trendWeeks} />
    </section>
  );
}
