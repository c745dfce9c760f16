/**
 * The rows of a list view, kept up to date from MutationObserver records: only the rows a
 * mutation touched are read again (the adapter's `readRow`), rows are looked up again only
 * when rows may have been added or removed, and everything is read again when the records
 * are too many to be worth sorting out. A long list is read a slice per update (`more`); once
 * every row is read, the result is always what a full read would give.
 */
import type { ObservedConversation } from '../../messaging/protocol';
import type { AdapterExtract } from './types';

/** Above this many rows touched in one batch, a full read is cheaper than sorting records. */
export const MAX_INCREMENTAL_ROWS = 200;

/** Rows read per update when a list is first read: a long list is read over several tasks. */
export const ROWS_PER_TASK = 200;

export interface RowReading {
  element: Element;
  /** What readRow returned: null for a row without a conversation id, or not read yet (left out of the view). */
  item: ObservedConversation | null;
}

export interface RowsUpdate {
  /** Every row in document order (as listRowElements returns them). */
  rows: readonly RowReading[];
  /** Rows read in this update (new, or touched by a mutation). */
  read: RowReading[];
  /** Rows whose inside changed without a re-read: the overlay checks its badge is still there. */
  touched: Element[];
  /** Rows gone since the last update. */
  removed: Element[];
  /** The set or order of rows may have changed (rows, ids): `rows` was rebuilt. */
  reordered: boolean;
  /** Everything was read again (first read, a new root, too many changes). */
  full: boolean;
  /** Rows are still unread (a long list is read ROWS_PER_TASK at a time): update again soon. */
  more: boolean;
}

type RowExtract = Pick<AdapterExtract, 'listRowElements' | 'readRowScope' | 'isListRow'> & Required<Pick<AdapterExtract, 'readRow'>>;

export class ListRows {
  private readonly readings = new Map<Element, RowReading>();
  private rows: RowReading[] = [];
  private root: Element | null = null;
  private full = true;
  /** Rows may have been added or removed: look them up again. */
  private lookUp = false;
  /** Elements added or removed that may be rows (adapters with `isListRow`): placed one by one. */
  private readonly added = new Set<Element>();
  private readonly dropped = new Set<Element>();
  private readonly reread = new Set<Element>();
  /** Rows of a full read not read yet (item null until then), in page order. */
  private readonly unread = new Set<Element>();
  private readonly touched = new Set<Element>();
  private readonly ownAttributesOnly: boolean;
  /**
   * Something other than row attributes and text changed since `takeStructureChanged`: what the
   * adapter's selectors match may differ (health counts them again only then).
   */
  private structureChanged = true;

  constructor(
    private readonly extract: RowExtract,
    private readonly maxRows = MAX_INCREMENTAL_ROWS,
    private readonly rowsPerTask = ROWS_PER_TASK,
  ) {
    this.ownAttributesOnly = extract.readRowScope === 'row-attributes';
  }

  /** The rows were read: a change can be read on its own (else the next update reads all). */
  get ready(): boolean {
    return !this.full;
  }

  /** Forget everything: the next update reads every row. */
  invalidate(): void {
    this.full = true;
    this.structureChanged = true;
    this.clearPending();
  }

  private clearPending(): void {
    this.lookUp = false;
    this.added.clear();
    this.dropped.clear();
    this.reread.clear();
    this.touched.clear();
  }

  /**
   * Sorts one page mutation (the overlay's own are filtered out before). Returns false when it
   * cannot change anything the runner reads from a list (text changes the rows do not read).
   */
  note(record: MutationRecord): boolean {
    if (this.full) return true;
    const row = this.rowOf(record.target);
    if (record.type === 'attributes') {
      if (record.target !== row) this.structureChanged = true;
      if (!row) {
        // An attribute outside the known rows may make an element a row.
        if (this.extract.isListRow) {
          if (!this.extract.isListRow(record.target as Element)) return false;
          this.markAdded(record.target as Element);
        } else this.lookUp = true;
        return true;
      }
      if (record.target !== row && this.ownAttributesOnly) return false;
      this.markReread(row);
      return true;
    }
    if (record.type !== 'childList') return true;
    const removedElement = hasElement(record.removedNodes);
    if (removedElement || hasElement(record.addedNodes)) this.structureChanged = true;
    if (row) {
      // Rows do not contain rows: a change inside one concerns that row only.
      if (removedElement) this.markTouched(row);
      if (!this.ownAttributesOnly) {
        this.markReread(row);
        return true;
      }
      return removedElement;
    }
    if (removedElement || hasElement(record.addedNodes)) {
      if (!this.extract.isListRow || !this.noteAddedAndRemoved(record)) this.lookUp = true;
      return true;
    }
    // Text outside the rows (a counter): nothing to re-read, but the agent or route may show there.
    return true;
  }

  /**
   * The page removed one of the overlay's own elements (a row re-rendered around it): its row
   * gets looked at again so the badge is put back. True when the node is inside a known row.
   */
  noteOverlayRemoved(target: Node): boolean {
    if (this.full) return false;
    this.structureChanged = true;
    const row = this.rowOf(target);
    if (row) this.markTouched(row);
    return row !== null;
  }

  /**
   * Elements added or removed outside the known rows: rows among them are placed or dropped one
   * by one. False when a subtree holding several rows came or went (then all are looked up).
   */
  private noteAddedAndRemoved(record: MutationRecord): boolean {
    const isListRow = this.extract.isListRow!;
    for (const nodes of [record.addedNodes, record.removedNodes]) {
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i];
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        if (this.readings.has(element)) this.markDropped(element);
        else if (isListRow(element)) this.markAdded(element);
        // A subtree (a re-rendered table body) may carry rows: look them all up.
        else if (element.firstElementChild && this.extract.listRowElements(element).length > 0) return false;
      }
    }
    return true;
  }

  /** Whether the structure may have changed since the last call (true at first). */
  takeStructureChanged(): boolean {
    const changed = this.structureChanged;
    this.structureChanged = false;
    return changed;
  }

  update(root: Element): RowsUpdate {
    if (root !== this.root) {
      this.root = root;
      this.full = true;
    }
    if (this.full) return this.readAll(root);
    const read: RowReading[] = [];
    const removed: Element[] = [];
    let reordered = false;
    if (this.lookUp) {
      this.lookUp = false;
      const elements = this.extract.listRowElements(root);
      const next: RowReading[] = [];
      const present = new Set<Element>();
      for (const element of elements) {
        present.add(element);
        let reading = this.readings.get(element);
        if (!reading) {
          reading = this.newReading(element, read);
          this.readings.set(element, reading);
        }
        next.push(reading);
      }
      for (const element of this.readings.keys()) {
        if (!present.has(element)) {
          this.readings.delete(element);
          this.unread.delete(element);
          removed.push(element);
        }
      }
      reordered = !sameElements(this.rows, next);
      this.rows = next;
    } else if (this.added.size > 0 || this.dropped.size > 0) {
      reordered = this.placeOneByOne(root, read, removed);
    }
    const readNow = new Set(read);
    for (const element of this.reread) {
      const reading = this.readings.get(element);
      // Read just now as a new row, or no longer a row.
      if (!reading || readNow.has(reading)) continue;
      if (this.extract.isListRow && !this.extract.isListRow(element)) {
        // An attribute took it out of the list.
        this.readings.delete(element);
        this.unread.delete(element);
        this.removeFromRows(reading);
        removed.push(element);
        reordered = this.structureChanged = true;
        continue;
      }
      const item = this.extract.readRow(element);
      // A row not read yet gains its item here: no row came or went.
      if (!this.unread.delete(element) && (item?.conversationId ?? null) !== (reading.item?.conversationId ?? null))
        reordered = this.structureChanged = true;
      reading.item = item;
      read.push(reading);
    }
    for (const element of this.unread) {
      if (read.length >= this.rowsPerTask) break;
      this.unread.delete(element);
      const reading = this.readings.get(element);
      if (!reading || readNow.has(reading)) continue;
      reading.item = this.extract.readRow(element);
      read.push(reading);
    }
    const touched = [...this.touched].filter((element) => this.readings.has(element));
    this.clearPending();
    return { rows: this.rows, read, touched, removed, reordered, full: false, more: this.unread.size > 0 };
  }

  /**
   * Drops the rows that left the root and places the rows that arrived (or moved) at their
   * document position, found by binary search: a new row in a long list costs a few
   * comparisons, not a look-up of every row. True when the rows changed.
   */
  private placeOneByOne(root: Element, read: RowReading[], removed: Element[]): boolean {
    const isListRow = this.extract.isListRow!;
    let changed = false;
    const inList = (element: Element) => element.isConnected && root.contains(element) && isListRow(element);
    for (const element of new Set([...this.dropped, ...this.added])) {
      const reading = this.readings.get(element);
      if (!reading) continue;
      // Out of the list, or moved: taken out here, put back below when it is still a row.
      this.removeFromRows(reading);
      changed = true;
      if (!inList(element)) {
        this.readings.delete(element);
        this.unread.delete(element);
        removed.push(element);
      } else this.added.add(element);
    }
    for (const element of this.added) {
      // Every known row among them was taken out above.
      if (!inList(element)) continue;
      let reading = this.readings.get(element);
      if (!reading) {
        reading = { element, item: this.extract.readRow(element) };
        this.readings.set(element, reading);
        read.push(reading);
      }
      this.rows.splice(this.positionOf(element), 0, reading);
      changed = true;
    }
    return changed;
  }

  private removeFromRows(reading: RowReading): void {
    const index = this.rows.indexOf(reading);
    if (index >= 0) this.rows.splice(index, 1);
  }

  /** Index at which `element` goes in the document-ordered rows. */
  private positionOf(element: Element): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      // FOLLOWING: the middle row comes after `element` in the document.
      if (element.compareDocumentPosition(this.rows[middle].element) & Node.DOCUMENT_POSITION_FOLLOWING) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private readAll(root: Element): RowsUpdate {
    this.full = false;
    this.clearPending();
    const removed = new Set(this.readings.keys());
    this.readings.clear();
    this.unread.clear();
    const read: RowReading[] = [];
    this.rows = this.extract.listRowElements(root).map((element) => {
      removed.delete(element);
      const reading = this.newReading(element, read);
      this.readings.set(element, reading);
      return reading;
    });
    return { rows: this.rows, read, touched: [], removed: [...removed], reordered: true, full: true, more: this.unread.size > 0 };
  }

  private markReread(row: Element): void {
    this.reread.add(row);
    if (this.reread.size > this.maxRows) this.invalidate();
  }

  /** A row found now: read at once while this update's slice has room, else left for the next. */
  private newReading(element: Element, read: RowReading[]): RowReading {
    const reading: RowReading = { element, item: null };
    if (read.length < this.rowsPerTask) {
      reading.item = this.extract.readRow(element);
      read.push(reading);
    } else this.unread.add(element);
    return reading;
  }

  private markAdded(element: Element): void {
    this.added.add(element);
    this.structureChanged = true;
    if (this.added.size > this.maxRows) this.invalidate();
  }

  private markDropped(row: Element): void {
    this.dropped.add(row);
    this.structureChanged = true;
    if (this.dropped.size > this.maxRows) this.invalidate();
  }

  private markTouched(row: Element): void {
    this.touched.add(row);
    if (this.touched.size > this.maxRows) this.invalidate();
  }

  /** The known row a node is in (or is), walking up to the root. */
  private rowOf(node: Node): Element | null {
    for (let current: Node | null = node; current && current !== this.root; current = current.parentNode) {
      if (this.readings.has(current as Element)) return current as Element;
    }
    return null;
  }
}

function hasElement(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i].nodeType === 1) return true;
  return false;
}

function sameElements(a: readonly RowReading[], b: readonly RowReading[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
