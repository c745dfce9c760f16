/** The Team view with a hub: the team's live queue and the week's figures, as the hub measures them. */
import { useEffect } from 'react';
import { useNow } from '@/components/hooks';
import { useTeamHub } from '@/lib/sidepanel-state/team-hub';
import { HubQueue } from './HubQueue';
import { HubFigures } from './HubFigures';

export function HubTeamView({ clock }: { clock: 'calendar' | 'business' }) {
  const hubUrl = useTeamHub((s) => s.hubUrl);
  const now = useNow();
  return (
    <section className="team hub-team" aria-label="Team (live from the hub)">
      <p className="small muted hub-source">
        Live from the team hub at <strong>{hubUrl}</strong>: every agent’s observations, measured by the hub.
      </p>
      <HubQueue now={now} />
      <HubFigures clock={clock} />
    </section>
  );
}

/** Starts the hub's stream while the Team view is open; `mode` says whether there is a hub to show. */
export function useTeamHubConnection(): 'none' | 'hub' | 'checking' {
  const { mode, start, stop } = useTeamHub();
  useEffect(() => {
    void start();
    return () => stop();
  }, [start, stop]);
  return mode;
}
