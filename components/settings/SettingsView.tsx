/** Settings: targets, business calendar, definitions profile, helpdesks, checklists, privacy and data. */
export function SettingsView() {
  return <p className="muted">Settings</p>;
}
