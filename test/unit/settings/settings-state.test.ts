import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { deleteDB } from 'idb';
import { closeDb, getDb } from '../../../lib/storage/db';
import { SETTINGS_KEY, defaultSettings, type Settings } from '../../../lib/settings/model';
import { getSettings } from '../../../lib/storage/settings';
import { issuesUnder, useSettingsState } from '../../../lib/sidepanel-state/settings';

beforeEach(() => {
  fakeBrowser.reset();
  useSettingsState.setState({ settings: null, health: [], error: null, generation: 0 });
});
afterEach(async () => {
  await closeDb();
  await deleteDB('replyline');
});

describe('settings view state', () => {
  it('saves a valid section, refuses an invalid one without writing, and reports by field', async () => {
    await useSettingsState.getState().load();
    expect(useSettingsState.getState().generation).toBe(1);
    const { save } = useSettingsState.getState();

    const refused = await save({ targets: { ...defaultSettings().targets, firstResponseSeconds: 0, atRiskShare: 0 } });
    expect(refused).toEqual([
      { path: 'targets.firstResponseSeconds', message: 'must be more than 0' },
      { path: 'targets.atRiskShare', message: 'must be more than 0 %' },
    ]);
    expect([...issuesUnder(refused, 'targets')]).toEqual([
      ['firstResponseSeconds', 'must be more than 0'],
      ['atRiskShare', 'must be more than 0 %'],
    ]);
    expect((await getSettings(await getDb())).targets.firstResponseSeconds).toBe(600);

    expect(await save({ retentionDays: 30 })).toEqual([]);
    expect((await getSettings(await getDb())).retentionDays).toBe(30);
    expect(useSettingsState.getState().settings?.retentionDays).toBe(30);
  });

  it('a stored problem in another section does not block saving this one', async () => {
    const db = await getDb();
    const stored = { ...defaultSettings(), calendar: { timezone: 'Nowhere/Atlantis', week: {}, holidays: [] } } as Settings;
    await db.put('settings', stored, SETTINGS_KEY);
    await useSettingsState.getState().load();
    expect(await useSettingsState.getState().save({ idleSeconds: 120 })).toEqual([]);
    expect(await useSettingsState.getState().save({ calendar: stored.calendar })).toEqual([
      { path: 'calendar.timezone', message: 'unknown IANA time zone' },
    ]);
    expect((await getSettings(db)).idleSeconds).toBe(120);
  });
});
