/**
 * The optional weekly review reminder: a weekly alarm (Monday 09:00 in the calendar's zone)
 * that raises a notification when Settings → weeklyReviewReminder is on; clicking it opens the
 * weekly review page for last week.
 */
import { DateTime } from 'luxon';
import { isoWeekKey } from '../engine/local-time';
import type { ReplylineDb } from '../storage/db';
import { getSettings } from '../storage/settings';
import type { NotificationApi } from './notifications';

export const WEEKLY_REVIEW_ALARM = 'replyline-weekly-review';
/** Notification ids start with this; the rest is the reviewed ISO week. */
export const WEEKLY_REVIEW_NOTIFICATION = 'replyline-weekly-review|';
export const WEEK_MINUTES = 7 * 24 * 60;

/** The next Monday 09:00 after `now` in `timezone` (epoch ms). */
export function nextReviewTime(now: number, timezone: string): number {
  let zone = timezone;
  if (!DateTime.now().setZone(zone).isValid) zone = 'UTC';
  const local = DateTime.fromMillis(now, { zone });
  let at = local.startOf('week').set({ hour: 9 });
  if (at.toMillis() <= now) at = at.plus({ weeks: 1 });
  return at.toMillis();
}

/** The notification for the week before `now`'s; null when the reminder is off. */
export async function weeklyReviewReminder(db: ReplylineDb, now: number): Promise<{ id: string; week: string } | null> {
  const settings = await getSettings(db);
  if (!settings.weeklyReviewReminder) return null;
  const timezone = settings.calendar.timezone;
  const thisWeekStart = DateTime.fromMillis(now, { zone: timezone }).startOf('week').toMillis();
  const week = isoWeekKey(thisWeekStart - 1, timezone);
  return { id: `${WEEKLY_REVIEW_NOTIFICATION}${week}`, week };
}

export async function deliverWeeklyReview(
  db: ReplylineDb,
  now: number,
  notifications: NotificationApi,
  iconUrl: string,
): Promise<string | null> {
  const reminder = await weeklyReviewReminder(db, now);
  if (!reminder) return null;
  await notifications.create(reminder.id, {
    type: 'basic',
    iconUrl,
    title: `Weekly review: ${reminder.week}`,
    message: 'Last week against the week before and your targets. Click to open the review.',
    priority: 0,
  });
  return reminder.id;
}

/** The review page's query for a clicked reminder; null for another notification. */
export function reviewQueryOf(notificationId: string): string | null {
  if (!notificationId.startsWith(WEEKLY_REVIEW_NOTIFICATION)) return null;
  const week = notificationId.slice(WEEKLY_REVIEW_NOTIFICATION.length);
  return new URLSearchParams({ scope: 'team', week }).toString();
}
