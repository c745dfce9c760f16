import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { openReplylineDb } from '../../../lib/storage/db';
import {
  DEFAULT_CHECKLIST_TEMPLATE_ID,
  defaultSettings,
  mergeSettings,
  normalizeOrigin,
  pickTargets,
  SETTINGS_KEY,
  validateSettings,
  type Settings,
} from '../../../lib/settings/model';
import { getSettings, saveSettings } from '../../../lib/storage/settings';
import { planRunningClock } from '../../../lib/measure/clock-plans';
import { engineContext, targetClock } from '../../../lib/measure/context';

const DB = 'replyline-settings-test';
afterEach(async () => {
  await deleteDB(DB);
});

/** A record as the first released version stored it: no rules, retention, bindings or checklists. */
const V1_RECORD = {
  profile: 'zendesk',
  targets: { clock: 'calendar', firstResponseSeconds: 300, nextResponseSeconds: 600, resolutionSeconds: 3600, atRiskShare: 0.5 },
  calendar: { timezone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] }, holidays: ['2026-12-25'] },
  idleSeconds: 90,
  notifications: { atRisk: false },
};

describe('settings merge', () => {
  it('loads an old stored record with its values and the new fields at their defaults', async () => {
    const db = await openReplylineDb({ name: DB });
    await db.put('settings', V1_RECORD as unknown as Settings, SETTINGS_KEY);
    const settings = await getSettings(db);
    db.close();
    expect(settings.profile).toBe('zendesk');
    expect(settings.targets).toEqual(V1_RECORD.targets);
    expect(settings.calendar).toEqual(V1_RECORD.calendar);
    expect(settings.idleSeconds).toBe(90);
    expect(settings.notifications).toEqual({ atRisk: false });
    expect(settings.targetRules).toEqual([]);
    expect(settings.retentionDays).toBe(180);
    expect(settings.helpdeskBindings).toEqual([]);
    expect(settings.checklistTemplates.map((t) => t.id)).toEqual([DEFAULT_CHECKLIST_TEMPLATE_ID]);
    expect(settings.activeChecklistTemplateId).toBe(DEFAULT_CHECKLIST_TEMPLATE_ID);
    expect(validateSettings(settings)).toEqual([]);
  });

  it('a record stored before the customer-names setting existed loads with it off; a stored choice is kept', async () => {
    // Literal records as the previous version stored them (weekly reminder on, no customer-names field).
    const before = {
      ...V1_RECORD,
      retentionDays: 90,
      helpdeskBindings: [{ adapterId: 'freescout', origin: 'https://example.com', addedAt: 1 }],
      weeklyReviewReminder: true,
    };
    const db = await openReplylineDb({ name: DB });
    await db.put('settings', before as unknown as Settings, SETTINGS_KEY);
    const after = await getSettings(db);
    expect(after.showCustomerNames).toBe(false);
    expect([after.retentionDays, after.weeklyReviewReminder, after.helpdeskBindings]).toEqual([
      90,
      true,
      [{ adapterId: 'freescout', origin: 'https://example.com', addedAt: 1 }],
    ]);
    expect(validateSettings(after)).toEqual([]);
    await saveSettings(db, { showCustomerNames: true });
    expect((await db.get('settings', SETTINGS_KEY))?.showCustomerNames).toBe(true);
    expect((await getSettings(db)).showCustomerNames).toBe(true);
    db.close();
    expect(defaultSettings().showCustomerNames).toBe(false);
    expect(validateSettings({ ...after, showCustomerNames: 'yes' }).map((i) => i.path)).toEqual(['showCustomerNames']);
  });

  it('keeps the built-in checklist first and unedited, and an unknown active template falls back to it', () => {
    const edited = { ...defaultSettings().checklistTemplates[0], name: 'Changed' };
    const own = {
      id: 'billing',
      name: 'Billing',
      items: [{ id: 'refund', label: 'Refund policy explained', weight: 2, critical: true, allowNa: true }],
    };
    const merged = mergeSettings({ checklistTemplates: [edited, own], activeChecklistTemplateId: 'gone' });
    expect(merged.checklistTemplates.map((t) => [t.id, t.name])).toEqual([
      ['default', 'Default'],
      ['billing', 'Billing'],
    ]);
    expect(merged.activeChecklistTemplateId).toBe('default');
    expect(mergeSettings({ checklistTemplates: [own], activeChecklistTemplateId: 'billing' }).activeChecklistTemplateId).toBe('billing');
  });

  it('saves a partial patch without dropping the rest', async () => {
    const db = await openReplylineDb({ name: DB });
    await saveSettings(db, { retentionDays: 30 });
    const next = await saveSettings(db, { targetRules: [{ channel: 'chat', firstResponseSeconds: 120 }] });
    db.close();
    expect(next.retentionDays).toBe(30);
    expect(next.targetRules).toEqual([{ channel: 'chat', firstResponseSeconds: 120 }]);
    expect(next.targets.firstResponseSeconds).toBe(600);
  });
});

describe('target picker', () => {
  const settings = {
    ...defaultSettings(),
    targetRules: [
      { channel: 'email', firstResponseSeconds: 14_400, resolutionSeconds: 172_800 },
      { priority: 'urgent', firstResponseSeconds: 300 },
      { channel: 'chat', firstResponseSeconds: 60, nextResponseSeconds: 120 },
      { channel: 'email', priority: 'urgent', firstResponseSeconds: 1800 },
    ],
  };

  it('uses the defaults when no rule applies', () => {
    expect(pickTargets(settings, { channel: 'phone', priority: 'low' })).toEqual(settings.targets);
    expect(pickTargets(settings, {})).toEqual(settings.targets);
  });

  it('takes channel+priority over priority over channel, per target kind', () => {
    // email+urgent: first response from the combined rule, resolution from the email rule, next from default.
    expect(pickTargets(settings, { channel: 'Email', priority: 'URGENT' })).toEqual({
      ...settings.targets,
      firstResponseSeconds: 1800,
      resolutionSeconds: 172_800,
    });
    // chat+urgent: priority beats channel for first response; next response only the chat rule sets.
    expect(pickTargets(settings, { channel: 'chat', priority: 'urgent' })).toEqual({
      ...settings.targets,
      firstResponseSeconds: 300,
      nextResponseSeconds: 120,
    });
    expect(pickTargets(settings, { channel: 'chat', priority: 'normal' })).toEqual({
      ...settings.targets,
      firstResponseSeconds: 60,
      nextResponseSeconds: 120,
    });
    expect(pickTargets(settings, { channel: null, priority: 'urgent' })).toEqual({ ...settings.targets, firstResponseSeconds: 300 });
  });

  it('of two rules equally specific, the first wins', () => {
    const twice = {
      ...defaultSettings(),
      targetRules: [
        { channel: 'chat', firstResponseSeconds: 60 },
        { channel: 'chat', firstResponseSeconds: 90 },
      ],
    };
    expect(pickTargets(twice, { channel: 'chat' }).firstResponseSeconds).toBe(60);
  });

  it('feeds the engine context and the running-clock plans', () => {
    const calendarTime: Settings = {
      ...settings,
      targets: { ...settings.targets, clock: 'calendar' },
      calendar: { ...settings.calendar, timezone: 'UTC' },
    };
    expect(engineContext(calendarTime, 0, { channel: 'chat' }).targets.firstResponseSeconds).toBe(60);
    expect(engineContext(calendarTime, 0).targets.firstResponseSeconds).toBe(600);
    const start = Date.UTC(2026, 0, 5, 10, 0, 0);
    const plan = planRunningClock('firstResponse', start, calendarTime, targetClock(calendarTime), start + 90_000, { channel: 'chat' });
    expect(plan).toEqual({
      kind: 'firstResponse',
      startedAt: start,
      dueAt: start + 60_000,
      atRiskAt: start + 45_000,
      stoppedAt: null,
      state: 'breached',
    });
  });
});

describe('settings validation', () => {
  it('accepts the defaults', () => {
    expect(validateSettings(defaultSettings())).toEqual([]);
  });

  it('names each wrong field with its message', () => {
    const bad = {
      ...defaultSettings(),
      targets: { clock: 'business', firstResponseSeconds: -5, atRiskShare: 1.5 },
      targetRules: [{ firstResponseSeconds: 60 }, { channel: 'chat' }],
      calendar: {
        timezone: 'Mars/Olympus',
        week: {
          mon: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
        holidays: ['25.12.2026'],
      },
      retentionDays: 0,
      helpdeskBindings: [{ adapterId: 'zammad', origin: 'https://support.example.com/path', addedAt: 0 }],
    };
    expect(validateSettings(bad)).toEqual([
      { path: 'targets.firstResponseSeconds', message: 'must be more than 0' },
      { path: 'targets.atRiskShare', message: 'must be less than 100 %' },
      { path: 'targetRules.0', message: 'choose a channel, a priority or both' },
      { path: 'targetRules.1', message: 'set at least one target' },
      { path: 'calendar.timezone', message: 'unknown IANA time zone' },
      { path: 'calendar.week.mon', message: 'windows of one day must not overlap' },
      { path: 'calendar.holidays.0', message: 'expected a date "YYYY-MM-DD"' },
      { path: 'retentionDays', message: 'must be at least 1 day' },
      { path: 'helpdeskBindings.0.origin', message: 'must be an origin like https://support.example.com' },
    ]);
  });

  it('normalizes helpdesk origins and refuses anything else', () => {
    expect(normalizeOrigin(' https://Support.Example.com/ ')).toBe('https://support.example.com');
    expect(normalizeOrigin('http://helpdesk.local:8080')).toBe('http://helpdesk.local:8080');
    expect(normalizeOrigin('support.example.com')).toBeNull();
    expect(normalizeOrigin('https://support.example.com/tickets')).toBeNull();
    expect(normalizeOrigin('https://*.example.com')).toBeNull();
    expect(normalizeOrigin('ftp://example.com')).toBeNull();
  });
});
