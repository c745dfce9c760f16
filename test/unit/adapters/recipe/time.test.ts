import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { luxonZone } from '../../../../lib/adapters/recipe/schema';
import { compilePattern, timeReader, wallTimeToInstant } from '../../../../lib/adapters/recipe/time';

const at = (iso: string) => Date.parse(iso);

describe('iso8601', () => {
  const read = timeReader({ format: 'iso8601' });
  it('reads UTC and offset times exactly', () => {
    expect(read('2026-11-24T09:29:58.000Z')).toBe(1795512598000);
    expect(read('2026-11-24T10:29:58+01:00')).toBe(1795512598000);
  });
  it.each(['2026-11-24 09:00', '2026-11-24T09:00:00', '2026-02-30T00:00:00Z', '', 'yesterday', '1795512598'])('rejects %j', (value) => {
    expect(read(value)).toBeNull();
  });
  it('rejects absent values and implausible years', () => {
    expect(read(null)).toBeNull();
    expect(read('1970-01-01T00:00:00Z')).toBeNull();
    expect(read('2150-01-01T00:00:00Z')).toBeNull();
  });
});

describe('unix times', () => {
  const seconds = timeReader({ format: 'unix-seconds' });
  const ms = timeReader({ format: 'unix-ms' });
  it('reads seconds (with up to 3 decimals) and milliseconds', () => {
    expect(seconds('1795512598')).toBe(1795512598000);
    expect(seconds('1795512598.25')).toBe(1795512598250);
    expect(ms('1795512598000')).toBe(1795512598000);
  });
  it('rejects the other unit (the year would be 1970 or past 2100)', () => {
    expect(seconds('1795512598000')).toBeNull();
    expect(ms('1795512598')).toBeNull();
  });
  it.each(['-5', '12e3', '', '0x1F', '1795512598.1234', '1 795 512 598'])('rejects %j', (value) => {
    expect(seconds(value)).toBeNull();
    expect(ms(value)).toBeNull();
  });
});

describe('patterns with zones', () => {
  it('reads a day-first pattern in an IANA zone (CET in November)', () => {
    expect(timeReader({ format: 'dd.MM.yyyy HH:mm', zone: 'Europe/Berlin' })('24.11.2026 09:05')).toBe(at('2026-11-24T08:05:00Z'));
  });
  it('reads a fixed offset and UTC', () => {
    expect(timeReader({ format: 'yyyy-MM-dd HH:mm:ss', zone: '+05:30' })('2026-11-24 09:00:00')).toBe(at('2026-11-24T03:30:00Z'));
    expect(timeReader({ format: 'yyyy-MM-dd HH:mm:ss.SSS', zone: 'UTC' })('2026-11-24 09:00:00.120')).toBe(at('2026-11-24T09:00:00.120Z'));
  });
  it('reads 12-hour times with AM/PM', () => {
    const read = timeReader({ format: 'M/d/yyyy h:mm a', zone: 'America/New_York' });
    expect(read('11/24/2026 9:05 AM')).toBe(at('2026-11-24T14:05:00Z'));
    expect(read('11/24/2026 12:05 AM')).toBe(at('2026-11-24T05:05:00Z'));
    expect(read('11/24/2026 12:05 PM')).toBe(at('2026-11-24T17:05:00Z'));
    expect(read('11/24/2026 13:05 PM')).toBeNull();
  });

  describe('DST in Europe/Berlin (2026: clocks go forward on 29 March, back on 25 October)', () => {
    const read = timeReader({ format: 'dd.MM.yyyy HH:mm', zone: 'Europe/Berlin' });
    it('uses the offset in force on each side of the change', () => {
      expect(read('29.03.2026 01:59')).toBe(at('2026-03-29T00:59:00Z'));
      expect(read('29.03.2026 03:00')).toBe(at('2026-03-29T01:00:00Z'));
      expect(read('25.10.2026 01:59')).toBe(at('2026-10-24T23:59:00Z'));
      expect(read('25.10.2026 03:00')).toBe(at('2026-10-25T02:00:00Z'));
    });
    it('rejects a wall time the change skipped', () => {
      expect(read('29.03.2026 02:30')).toBeNull();
    });
    it('rejects a wall time the change repeated (two instants, no way to tell which)', () => {
      expect(read('25.10.2026 02:30')).toBeNull();
    });
  });

  it('DST in America/New_York: 1:30 AM is EST, 3:30 AM is EDT on 8 March 2026', () => {
    const read = timeReader({ format: 'M/d/yyyy h:mm a', zone: 'America/New_York' });
    expect(read('3/8/2026 1:30 AM')).toBe(at('2026-03-08T06:30:00Z'));
    expect(read('3/8/2026 2:30 AM')).toBeNull();
    expect(read('3/8/2026 3:30 AM')).toBe(at('2026-03-08T07:30:00Z'));
  });

  it.each([
    ['31.02.2026 10:00', 'not a date'],
    ['24.11.2026 24:00', 'hour 24'],
    ['24.11.2026 9:05', 'HH needs two digits'],
    ['24.11.2026 09:05x', 'trailing text'],
    ['24.11.26 09:05', 'two-digit year'],
    ['', 'empty'],
  ])('rejects %j (%s)', (value) => {
    expect(timeReader({ format: 'dd.MM.yyyy HH:mm', zone: 'Europe/Berlin' })(value)).toBeNull();
  });

  it.each([
    [
      'dd.MM.yy HH:mm',
      'uses "yy", which is not supported (use yyyy, MM, M, dd, d, HH, H, hh, h, mm, m, ss, s, SSS, a; quote other letters)',
    ],
    [
      'dd MMM yyyy HH:mm',
      'uses "MMM", which is not supported (use yyyy, MM, M, dd, d, HH, H, hh, h, mm, m, ss, s, SSS, a; quote other letters)',
    ],
    ['dd.MM.yyyy', 'needs the minute (mm)'],
    ['hh:mm dd.MM.yyyy', 'needs "a" (AM/PM) together with hh / h'],
    ["dd.MM.yyyy 'at HH:mm", 'has an unclosed quote'],
  ])('pattern %j: %s', (pattern, message) => {
    expect(compilePattern(pattern)).toBe(message);
  });

  it('throws for a pattern without a zone (the schema reports it before this point)', () => {
    expect(() => timeReader({ format: 'dd.MM.yyyy HH:mm' })).toThrow('time.zone is needed');
    expect(() => timeReader({ format: 'dd.MM.yyyy HH:mm', zone: 'Mars/Olympus' })).toThrow('time.zone is needed');
  });
});

describe('the dependency-free parser agrees with luxon', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'UTC', '+05:45', '-03:00'];
  const patterns = ['dd.MM.yyyy HH:mm', 'yyyy-MM-dd HH:mm:ss', "d/M/yyyy, H:mm 'h'", 'M/d/yyyy h:mm a', 'yyyy-MM-dd HH:mm:ss.SSS'];
  const minute = 60_000;

  it('for random instants, zones and patterns: the same instant, or null exactly when the wall time is ambiguous', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.constantFrom(...zones),
        fc.constantFrom(...patterns),
        (instant, zone, pattern) => {
          const zoneName = luxonZone(zone);
          const text = DateTime.fromMillis(instant, { zone: zoneName }).toFormat(pattern, { locale: 'en-US' });
          const ours = timeReader({ format: pattern, zone })(text);
          const theirs = DateTime.fromFormat(text, pattern, { zone: zoneName, locale: 'en-US' }).toMillis();
          const sameText = (ms: number) => DateTime.fromMillis(ms, { zone: zoneName }).toFormat(pattern, { locale: 'en-US' }) === text;
          const ambiguous = [-60, -30, 30, 60].some((m) => sameText(instant + m * minute));
          if (ambiguous) expect(ours).toBeNull();
          else expect(ours).toBe(theirs);
        },
      ),
      { numRuns: 800, seed: 20261124 },
    );
  });

  it('around every DST change of 2026 in Berlin and Lord Howe (30-minute shift), minute by minute', () => {
    for (const [zone, startIso] of [
      ['Europe/Berlin', '2026-03-28T23:00:00Z'],
      ['Europe/Berlin', '2026-10-24T23:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T14:00:00Z'],
    ] as const) {
      let nulls = 0;
      for (let t = at(startIso); t < at(startIso) + 4 * 60 * minute; t += minute) {
        const text = DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm');
        const ours = timeReader({ format: 'yyyy-MM-dd HH:mm', zone })(text);
        if (ours === null) nulls++;
        else expect(ours).toBe(t);
      }
      // Only the repeated wall times are refused: 60 minutes twice in Berlin's autumn, 30 twice at Lord Howe.
      expect(nulls, `${zone} ${startIso}`).toBe(
        startIso.startsWith('2026-10-24') ? 120 : zone === 'Australia/Lord_Howe' && startIso.startsWith('2026-04') ? 60 : 0,
      );
    }
  });

  it('wallTimeToInstant: no instant in a gap', () => {
    expect(wallTimeToInstant(at('2026-03-29T02:30:00Z'), 'Europe/Berlin')).toBeNull();
    expect(wallTimeToInstant(at('2026-03-29T04:30:00Z'), 'Europe/Berlin')).toBe(at('2026-03-29T02:30:00Z'));
  });
});
