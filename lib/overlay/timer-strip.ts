/** The timer strip under a conversation's heading: clocks against targets and effort cue chips. */
import type { ClockPlan } from '../messaging/protocol';
import { createHost, el, setAttr, setClass, setText } from './dom';
import { stripModel, type StripItemModel } from './format';
import { STRIP_CSS } from './styles';

interface ClockNodes {
  root: HTMLElement;
  name: HTMLElement;
  value: HTMLElement;
  detail: HTMLElement;
  bar: HTMLElement;
  fill: HTMLElement;
}

export class TimerStrip {
  readonly host: HTMLElement;
  private readonly doc: Document;
  private readonly clocksBox: HTMLElement;
  private readonly chipsBox: HTMLElement;
  private readonly clocks = new Map<string, ClockNodes>();
  private readonly chips = new Map<string, HTMLElement>();
  conversationId: string;
  waitingSince: number | null | undefined = undefined;
  plan: ClockPlan | undefined = undefined;
  pageMissing: readonly string[] = [];

  constructor(doc: Document, conversationId: string) {
    this.doc = doc;
    this.conversationId = conversationId;
    const { host, shadow } = createHost(doc, 'div', 'timer-strip', STRIP_CSS);
    this.host = host;
    const strip = el(doc, 'div', 'strip');
    strip.setAttribute('role', 'group');
    strip.setAttribute('aria-label', 'Response timers');
    this.clocksBox = el(doc, 'div', 'clocks');
    this.chipsBox = el(doc, 'div', 'chips');
    strip.append(this.clocksBox, this.chipsBox);
    shadow.append(strip);
  }

  update(now: number): void {
    const model = stripModel(this.waitingSince, this.plan, now, this.pageMissing);
    const keep = new Set<string>();
    for (const item of model.items) {
      keep.add(item.key);
      this.renderClock(item);
    }
    for (const [key, nodes] of this.clocks) {
      if (keep.has(key)) continue;
      nodes.root.remove();
      this.clocks.delete(key);
    }

    const chips = [...model.cues.map((c) => ({ ...c, className: c.key === 'forecast' ? 'chip forecast' : 'chip' }))];
    if (model.unverified)
      chips.push({
        key: 'unverified',
        text: 'unverified',
        title: 'Some times on this page could not be read exactly; these timers are not counted in reports',
        className: 'chip unverified',
      });
    const keepChips = new Set(chips.map((c) => c.key));
    for (const [key, chip] of this.chips) {
      if (keepChips.has(key)) continue;
      chip.remove();
      this.chips.delete(key);
    }
    for (const chip of chips) {
      let node = this.chips.get(chip.key);
      if (!node) {
        node = el(this.doc, 'span');
        this.chips.set(chip.key, node);
        this.chipsBox.append(node);
      }
      setClass(node, chip.className);
      setText(node, chip.text);
      setAttr(node, 'title', chip.title);
    }
  }

  private renderClock(item: StripItemModel): void {
    let nodes = this.clocks.get(item.key);
    if (!nodes) {
      const root = el(this.doc, 'div');
      const name = el(this.doc, 'span', 'name');
      const value = el(this.doc, 'span', 'value');
      const detail = el(this.doc, 'span', 'detail');
      const bar = el(this.doc, 'span', 'bar');
      const fill = el(this.doc, 'span', 'fill');
      bar.append(fill);
      bar.setAttribute('aria-hidden', 'true');
      root.append(name, value, detail, bar);
      nodes = { root, name, value, detail, bar, fill };
      this.clocks.set(item.key, nodes);
      this.clocksBox.append(root);
    }
    setClass(nodes.root, `clock tone-${item.tone}`);
    setAttr(nodes.root, 'title', item.title);
    setText(nodes.name, item.name);
    setText(nodes.value, item.value);
    setText(nodes.detail, item.detail);
    const width = item.progress === null ? '' : `${Math.round(item.progress * 100)}%`;
    nodes.bar.hidden = item.progress === null;
    if (nodes.fill.style.width !== width) nodes.fill.style.width = width;
  }
}
