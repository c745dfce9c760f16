/**
 * The week's value for the signed-in agent (Me view): outcome tags, cost per conversation,
 * quality-adjusted productivity, and the team's automation share beside them. Reads the same
 * stored data as the Team view; every figure is the analytics engine's.
 */
import { useEffect, useMemo, useState } from 'react';
import { impactSummary, OUTCOMES, qualityAdjustedProductivity } from '@/lib/engine/analytics';
import { isoWeekKey, isoWeekRange } from '@/lib/engine/local-time';
import { getDb } from '@/lib/storage/db';
import type { OutcomeRecord } from '@/lib/storage/schema';
import { conversationsIn, loadTeamData, loadTeamDetail, type TeamData, type TeamDetail } from '@/lib/sidepanel-state/team';
import type { SignedInAgentState } from '@/lib/storage/schema';
import { analyticsInputs } from '@/components/team/insights/insights-data';
import { fullDefinition, money, percent, RateFigure, ValueFigure } from '@/components/team/insights/figures';
import { OUTCOME_LABELS } from '@/components/team/insights/ValueInsights';
import { openReview } from '@/components/team/insights/review-link';
import '@/components/team/insights/insights.css';

export function ValueSummary({ agentId }: { agentId?: string | null }) {
  const [now] = useState(() => Date.now());
  const [loaded, setLoaded] = useState<{
    data: { team: TeamData; detail: TeamDetail; me: string | null };
    outcomes: OutcomeRecord[];
  } | null>(null);
  useEffect(() => {
    let live = true;
    void getDb()
      .then(async (db) => {
        // This week's conversations only: the summary shows one week.
        const team = await loadTeamData(db, now);
        const timezone = team.settings.calendar.timezone;
        const week = conversationsIn(team.conversations, isoWeekRange(isoWeekKey(now, timezone), timezone));
        const detail = await loadTeamDetail(
          db,
          week.map((c) => c.key),
          team.settings,
          now,
        );
        const agent = (await db.get('state', 'agent')) as SignedInAgentState | undefined;
        return { data: { team, detail, me: agent?.agentId ?? null }, outcomes: await db.getAll('outcomes') };
      })
      .then((value) => live && setLoaded(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [now]);

  const figures = useMemo(() => {
    if (!loaded) return null;
    const { team, detail, me } = loaded.data;
    const agent = agentId ?? me;
    if (!agent) return null;
    const timezone = team.settings.calendar.timezone;
    const week = isoWeekKey(now, timezone);
    const period = isoWeekRange(week, timezone);
    const everyone = analyticsInputs(team.conversations, detail, team.reviews, loaded.outcomes);
    const mine = analyticsInputs(team.conversations, detail, team.reviews, loaded.outcomes, { channel: null, agent });
    const hourlyCost = team.settings.hourlyCost;
    const impact = impactSummary({
      metrics: mine.metrics,
      conversations: mine.conversations,
      outcomes: mine.outcomes,
      timezone,
      period,
      ...(hourlyCost === undefined ? {} : { hourlyCost }),
    });
    const teamImpact = impactSummary({
      metrics: everyone.metrics,
      conversations: everyone.conversations,
      outcomes: everyone.outcomes,
      timezone,
      period,
    });
    const productivity =
      qualityAdjustedProductivity({ metrics: everyone.metrics, reviews: everyone.reviews, period }).find((p) => p.agentId === agent) ??
      null;
    return { agent, week, impact, automationShare: teamImpact.automationShare, productivity };
  }, [loaded, agentId, now]);

  if (!loaded) return null;
  if (!figures) return <p className="muted small">The week’s value shows once a helpdesk page says who is signed in.</p>;
  const { impact, productivity } = figures;
  const cost = impact.cost;
  return (
    <section className="block value-summary" aria-labelledby="value-summary-title" data-agent={figures.agent}>
      <div className="insights-head">
        <h3 id="value-summary-title">
          Value this week <span className="muted">· {figures.week}</span>
        </h3>
        <button type="button" className="pill-button" onClick={() => openReview('me')}>
          Weekly review
        </button>
      </div>
      <dl className="stats">
        <ValueFigure
          label="Cost / conversation"
          name="cost-per-conversation"
          definition="costPerConversation"
          value={cost ? money(cost.perConversation.median) : '—'}
          sub={cost ? `n ${cost.perConversation.n}${cost.unknown ? ` · ${cost.unknown} unknown` : ''}` : 'set an hourly cost'}
          n={cost?.perConversation.n ?? 0}
          small={cost ? cost.perConversation.n < 10 : false}
        />
        <RateFigure label="Team automation share" rate={figures.automationShare} definition="deflection" name="automation-share" />
        <ValueFigure
          label="Quality-adjusted"
          name="quality-adjusted"
          definition="qualityAdjustedProductivity"
          value={productivity?.value === null || productivity === null ? '—' : (Math.round(productivity.value * 10) / 10).toString()}
          sub={
            productivity
              ? `${productivity.resolved} resolved × QA ${percent(productivity.qa.mean)} (n ${productivity.qa.n})`
              : 'no resolution or review'
          }
          n={productivity?.qa.n ?? 0}
          small={productivity?.small ?? false}
        />
      </dl>
      <p className="small" title={fullDefinition('outcomes')} data-insight="outcomes">
        <strong>Outcomes: </strong>
        {OUTCOMES.map((o, i) => (
          <span key={o} data-outcome={o} data-count={impact.outcomes[o].count}>
            {i ? ' · ' : ''}
            {OUTCOME_LABELS[o]} {impact.outcomes[o].count}
          </span>
        ))}{' '}
        <span className="muted">of {impact.conversations} conversations</span>
      </p>
    </section>
  );
}
