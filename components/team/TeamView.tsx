/** Team view (supervisors): live queue, per-agent table, charts, import. */
export function TeamView() {
  return <p className="muted">Team view</p>;
}
