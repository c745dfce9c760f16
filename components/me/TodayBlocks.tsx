import type { Summary } from '@/lib/engine/types';
import type { RollupRecord } from '@/lib/storage/schema';
import type { TodayFigures } from '@/lib/sidepanel-state/me';
import { CountStat, DurationStat } from '../Stat';
import { HourChart } from '../HourChart';
import { definitionText } from '../format';

function Block({
  title,
  rollup,
  summary,
  clock,
}: {
  title: string;
  rollup: RollupRecord | null;
  summary: Summary;
  clock: 'business' | 'calendar';
}) {
  return (
    <section className="block" aria-label={title}>
      <h3>{title}</h3>
      <dl className="stats">
        <CountStat
          label="Conversations"
          value={rollup?.conversations ?? 0}
          definition="Conversations with a human reply or a resolution today."
        />
        <CountStat label="Replies" value={rollup?.replies ?? 0} definition="Public human replies today (first and next responses)." />
        <CountStat label="Resolutions" value={rollup?.resolutions ?? 0} definition={definitionText('resolution')} />
      </dl>
      <dl className="stats">
        <DurationStat label="First response" aggregate={summary.firstResponse[clock]} definition={definitionText('firstResponse')} />
        <DurationStat label="Next response" aggregate={summary.reply[clock]} definition={definitionText('nextResponse')} />
        <DurationStat label="Resolution" aggregate={summary.resolution[clock]} definition={definitionText('resolution')} />
      </dl>
    </section>
  );
}

/** Today's figures: mine (when the helpdesk shows who is signed in) and everyone's. */
export function TodayBlocks({
  today,
  agentName,
  clock,
}: {
  today: TodayFigures;
  /** The signed-in agent's display name (else id); null when no page said who. */
  agentName: string | null;
  clock: 'business' | 'calendar';
}) {
  return (
    <div className="me-today">
      <h2 className="me-heading">Today, {today.day}</h2>
      {today.mine && agentName ? (
        <Block title={`Me · ${agentName}`} rollup={today.mine.rollup} summary={today.mine.summary} clock={clock} />
      ) : (
        <p className="muted">Sign in to your helpdesk to see your own figures.</p>
      )}
      <Block title="Everyone" rollup={today.everyone.rollup} summary={today.everyone.summary} clock={clock} />
      <HourChart
        byHour={today.everyone.rollup?.repliesByHour ?? new Array<number>(24).fill(0)}
        mine={today.mine?.rollup?.repliesByHour ?? null}
      />
    </div>
  );
}
