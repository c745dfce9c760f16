import { describe, expect, it } from 'vitest';
import { defaultSettings, parseBusinessHours } from '../../../demo/server/settings.ts';

describe('business hours', () => {
  it('cover every day, all day, by default', () => {
    const { calendar } = defaultSettings({ timezone: 'UTC' });
    expect(calendar.week).toEqual({
      mon: [['00:00', '24:00']],
      tue: [['00:00', '24:00']],
      wed: [['00:00', '24:00']],
      thu: [['00:00', '24:00']],
      fri: [['00:00', '24:00']],
      sat: [['00:00', '24:00']],
      sun: [['00:00', '24:00']],
    });
  });

  it('reads day ranges and several windows', () => {
    expect(parseBusinessHours('mon-fri 09:00-12:00,13:00-17:00; sat 10:00-14:00')).toEqual({
      mon: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      tue: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      wed: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      thu: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      fri: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      sat: [['10:00', '14:00']],
    });
    expect(parseBusinessHours('fri-mon 22:00-24:00')).toEqual({
      fri: [['22:00', '24:00']],
      sat: [['22:00', '24:00']],
      sun: [['22:00', '24:00']],
      mon: [['22:00', '24:00']],
    });
  });

  it('rejects what it cannot read', () => {
    expect(() => parseBusinessHours('weekdays 9-5')).toThrow(/cannot read business hours/);
    expect(() => parseBusinessHours('mon 17:00-09:00')).toThrow();
    expect(() => defaultSettings({ timezone: 'Mars/Olympus' })).toThrow(/unknown IANA time zone/);
  });
});
