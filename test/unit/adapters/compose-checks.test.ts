/** Compose-box checks: exact booleans on example drafts in English, German, French and Spanish. */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import {
  ANSWER_MIN_CHARS,
  composeChecks,
  composeText,
  hasClosing,
  hasGreeting,
  mentionsName,
} from '../../../lib/adapters/framework/compose-checks';

describe('composeChecks', () => {
  it('English: greeting, first name, closing, a real answer to a question', () => {
    const draft = 'Hi Maya,\n\nYour order shipped yesterday and arrives on Monday.\n\nBest regards,\nSam';
    expect(composeChecks(draft, { customerName: 'Maya Jensen', customerAsked: true })).toEqual({
      greeting: true,
      customerName: true,
      closing: true,
      answersQuestion: true,
    });
  });

  it('German with accents and ß: "Guten Tag Frau Müller" … "Viele Grüße"', () => {
    const draft = 'Guten Tag Frau Müller,\nIhre Bestellung ist unterwegs und kommt am Montag an.\nViele Grüße\nSam';
    expect(composeChecks(draft, { customerName: 'Jana Müller', customerAsked: true })).toEqual({
      greeting: true,
      customerName: true,
      closing: true,
      answersQuestion: true,
    });
    // Folded comparison: "Gruesse" is not "Grüße", but "grusse" typed without the umlaut is.
    expect(hasClosing('Text\nviele grusse')).toBe(true);
  });

  it('French: "Bonjour Chloé" … "Cordialement"; the name matches without its accent', () => {
    const draft = 'Bonjour Chloe,\nVotre remboursement a été validé ce matin.\nCordialement,\nSam';
    expect(composeChecks(draft, { customerName: 'Chloé Martin', customerAsked: false })).toEqual({
      greeting: true,
      customerName: true,
      closing: true,
      answersQuestion: true,
    });
  });

  it('Spanish: "Hola" … "Saludos", name absent', () => {
    const draft = 'Hola,\nHemos enviado el paquete hoy por la mañana.\nSaludos';
    expect(composeChecks(draft, { customerName: 'Lucía García', customerAsked: true })).toEqual({
      greeting: true,
      customerName: false,
      closing: true,
      answersQuestion: true,
    });
  });

  it('a bare one-liner to a question: no greeting, no closing, question unanswered', () => {
    expect(composeChecks('ok, will check', { customerName: 'Maya Jensen', customerAsked: true })).toEqual({
      greeting: false,
      customerName: false,
      closing: false,
      answersQuestion: false,
    });
  });

  it('greeting and closing alone do not answer a question; the same draft is fine without one', () => {
    const draft = 'Hello Maya,\nThanks,\nSam';
    expect(composeChecks(draft, { customerName: 'Maya', customerAsked: true }).answersQuestion).toBe(false);
    expect(composeChecks(draft, { customerName: 'Maya', customerAsked: false }).answersQuestion).toBe(true);
  });

  it('an empty draft checks nothing, except that there was no question to answer', () => {
    expect(composeChecks('', { customerName: 'Maya', customerAsked: false })).toEqual({
      greeting: false,
      customerName: false,
      closing: false,
      answersQuestion: true,
    });
    expect(composeChecks('   \n ', { customerName: null, customerAsked: true })).toEqual({
      greeting: false,
      customerName: false,
      closing: false,
      answersQuestion: false,
    });
  });

  it(`counts ${ANSWER_MIN_CHARS} body characters as an answer, ${ANSWER_MIN_CHARS - 1} as not`, () => {
    expect(composeChecks('x'.repeat(ANSWER_MIN_CHARS), { customerName: null, customerAsked: true }).answersQuestion).toBe(true);
    expect(composeChecks('x'.repeat(ANSWER_MIN_CHARS - 1), { customerName: null, customerAsked: true }).answersQuestion).toBe(false);
  });
});

describe('hasGreeting', () => {
  it('needs the greeting as a word at the start of the first line', () => {
    expect(hasGreeting('Hi, thanks for waiting')).toBe(true);
    expect(hasGreeting('Hey!')).toBe(true);
    expect(hasGreeting('His order is late')).toBe(false);
    expect(hasGreeting('Your order. Hi')).toBe(false);
    expect(hasGreeting('\n\n  Buenos días Ana')).toBe(true);
    expect(hasGreeting('Sehr geehrter Herr Weber,')).toBe(true);
  });
});

describe('hasClosing', () => {
  it('looks at the last two lines and needs more than one line', () => {
    expect(hasClosing('Thanks')).toBe(false);
    expect(hasClosing('Body text\nKind regards')).toBe(true);
    expect(hasClosing('Body text\nMerci !\nSam')).toBe(true);
    expect(hasClosing('Thanks for the details\nLine two\nLine three')).toBe(false);
    expect(hasClosing('Body\nBestellung folgt')).toBe(false);
  });
});

describe('mentionsName', () => {
  it('matches the full name or any part of it as a whole word, case-insensitively', () => {
    expect(mentionsName('hi maya!', 'Maya Jensen')).toBe(true);
    expect(mentionsName('Dear Ms Jensen', 'Maya Jensen')).toBe(true);
    expect(mentionsName('Dear Ms Jensens', 'Maya Jensen')).toBe(false);
    expect(mentionsName('Dear Maya Jensen', 'Maya Jensen')).toBe(true);
    expect(mentionsName('Hi Mayan team', 'Maya Jensen')).toBe(false);
    expect(mentionsName('Hi A', 'A')).toBe(false);
    expect(mentionsName('Hi Maya', null)).toBe(false);
    expect(mentionsName('Hi Maya', '  ')).toBe(false);
  });
});

describe('composeText', () => {
  it('reads a textarea value and a contenteditable text', () => {
    const { document } = new JSDOM('<textarea>Hello there</textarea><div contenteditable="true">Hallo <b>Jana</b></div>').window;
    const area = document.querySelector('textarea')!;
    area.value = 'Typed value';
    expect(composeText(area)).toBe('Typed value');
    expect(composeText(document.querySelector('div')!)).toBe('Hallo Jana');
  });
});
