/**
 * The pending events of an event-driven simulation, earliest first: a calendar queue (R. Brown,
 * "Calendar queues: a fast O(1) priority queue implementation for the simulation event set
 * problem", Commun. ACM 31, 1220 (1988), doi:10.1145/63039.63045).
 *
 * Time is cut into slots of equal width; an event at t belongs to slot ⌊t / width⌋. Events of
 * later slots wait in bucket (slot mod B), an unsorted linked list; when the search reaches a
 * slot, its events move into a short sorted array, the front, and come out of it in order. With a
 * few events per slot and B at least the number of events, push and pop take O(1) time on
 * average. (A binary heap of the ~40 000 pending events of an epidemic among 10^5 people takes a
 * dozen levels of unpredictable comparisons per pop: half the run time.)
 *
 * The layout is rebuilt, with B the power of two at or above the number of events and the width
 * EVENTS_PER_SLOT mean gaps between the earliest events (Brown's estimate), when the number of
 * events leaves [B/4, 2B], and when the width no longer fits (a slot far too full, or many empty
 * ones), as the density of events changes in the course of a run.
 *
 * Times are ≥ 0, and no time pushed may precede the last event found by `peek()`: a simulation
 * only schedules events at or after the current time. Events come out by time, ties by the
 * smaller item, so their order depends only on the set of (time, item) pairs in the queue, never
 * on its layout: a queue loaded from `contents()` continues exactly as the original.
 */
export interface QueueContents {
  readonly time: Float64Array;
  readonly item: Int32Array;
  readonly size: number;
}

/**
 * Called with the items of each slot as the search reaches it, before the first of them comes
 * out: the moment to start loading what they will need. `items` is the queue's own array, to be
 * read during the call only.
 */
export type SlotListener = (items: Int32Array, count: number) => void;

const MIN_BUCKETS = 16;
/**
 * Slot width, in mean gaps between events at the front of the queue: enough events per slot for
 * the listener to get several at once, few enough for the front to stay cheap to keep sorted.
 */
const EVENTS_PER_SLOT = 8;
/** How many of the earliest events the width is estimated from. */
const SAMPLE = 33;
/**
 * Narrowest slot: 10^-9 time units, so that slot numbers ⌊t / width⌋ stay exact integers in a
 * double (slot + 1 > slot) for times up to 9·10^6.
 */
const MAX_SLOTS_PER_TIME = 1e9;

export class EventQueue {
  /** Number of pending events. */
  size = 0;
  /** The earliest event, after `peek()` returned true. */
  time = 0;
  item = 0;

  private readonly onSlot: SlotListener | undefined;
  // An event waiting in a bucket is a cell of 16 bytes: its time (f64), then the next cell of the
  // bucket and its item (i32), so that one cache line holds all of it. Free cells, chained from
  // `free`, have item −1.
  private buffer = new ArrayBuffer(16 * 256);
  private times = new Float64Array(this.buffer);
  private links = new Int32Array(this.buffer);
  private used = 0;
  private free = -1;
  /** The buckets' first cells (−1: empty), in head[0 … mask]; the array may be longer. */
  private head = new Int32Array(MIN_BUCKETS).fill(-1);
  private mask = MIN_BUCKETS - 1;
  /** The sizes that call for a rebuild: above 2B, below B/4. */
  private growAt = 2 * MIN_BUCKETS;
  private shrinkAt = 0;
  private slotsPerTime = 1;
  /** The current slot: its events are in the front, those of later slots in the buckets. */
  private slot = 0;
  /** No event will be pushed before this time: the last one found, or 0. */
  private now = 0;
  private frontTime = new Float64Array(64);
  private frontItem = new Int32Array(64);
  private frontStart = 0;
  private frontEnd = 0;
  /** Since the last rebuild: events brought to the front, and empty slots passed. */
  private taken = 0;
  private emptySlots = 0;
  private readonly sample = new Float64Array(SAMPLE);

  constructor(onSlot?: SlotListener) {
    this.onSlot = onSlot;
  }

  push(time: number, item: number): void {
    this.size++;
    if (time * this.slotsPerTime < this.slot + 1) this.insertFront(time, item);
    else this.link(time, item);
    if (this.size > this.growAt) this.rebuild();
  }

  /** Finds the earliest event (`time`, `item`); false if there is none. */
  peek(): boolean {
    if (this.size === 0) return false;
    if (this.frontStart === this.frontEnd) this.nextSlot();
    this.time = this.frontTime[this.frontStart]!;
    this.item = this.frontItem[this.frontStart]!;
    this.now = this.time;
    return true;
  }

  /** Removes the event found by the last `peek()`; nothing may be pushed in between. */
  removePeeked(): void {
    this.frontStart++;
    if (--this.size < this.shrinkAt) this.rebuild();
  }

  /** The pending events, in no particular order. */
  contents(): QueueContents {
    const time = new Float64Array(this.size);
    const item = new Int32Array(this.size);
    let k = 0;
    for (let cell = 0; cell < this.used; cell++) {
      if (this.links[4 * cell + 3]! < 0) continue;
      time[k] = this.times[2 * cell]!;
      item[k++] = this.links[4 * cell + 3]!;
    }
    time.set(this.frontTime.subarray(this.frontStart, this.frontEnd), k);
    item.set(this.frontItem.subarray(this.frontStart, this.frontEnd), k);
    return { time, item, size: this.size };
  }

  /** Replaces the pending events by those of `c` (from `contents()`). */
  load(c: QueueContents): void {
    this.used = 0;
    this.free = -1;
    this.frontStart = this.frontEnd = 0;
    this.now = 0;
    for (let k = 0; k < c.size; k++) this.link(c.time[k]!, c.item[k]!);
    this.size = c.size;
    this.rebuild();
  }

  /** Puts an event of a later slot into its bucket. */
  private link(time: number, item: number): void {
    let cell = this.free;
    if (cell >= 0) this.free = this.links[4 * cell + 2]!;
    else {
      if (16 * this.used === this.buffer.byteLength) this.enlarge();
      cell = this.used++;
    }
    const bucket = Math.floor(time * this.slotsPerTime) & this.mask;
    this.times[2 * cell] = time;
    this.links[4 * cell + 2] = this.head[bucket]!;
    this.links[4 * cell + 3] = item;
    this.head[bucket] = cell;
  }

  /** Puts an event of the current slot into the front, in order. */
  private insertFront(time: number, item: number): void {
    if (this.frontEnd === this.frontTime.length) this.makeRoomInFront();
    const { frontTime, frontItem } = this;
    let k = this.frontEnd++;
    for (; k > this.frontStart; k--) {
      const t = frontTime[k - 1]!;
      if (t < time || (t === time && frontItem[k - 1]! < item)) break;
      frontTime[k] = t;
      frontItem[k] = frontItem[k - 1]!;
    }
    frontTime[k] = time;
    frontItem[k] = item;
  }

  private makeRoomInFront(): void {
    if (this.frontStart > 0) {
      this.frontTime.copyWithin(0, this.frontStart, this.frontEnd);
      this.frontItem.copyWithin(0, this.frontStart, this.frontEnd);
      this.frontEnd -= this.frontStart;
      this.frontStart = 0;
      return;
    }
    const time = new Float64Array(2 * this.frontTime.length);
    const item = new Int32Array(2 * this.frontItem.length);
    time.set(this.frontTime);
    item.set(this.frontItem);
    this.frontTime = time;
    this.frontItem = item;
  }

  /** Moves on to the next slot that has events and brings them to the front (which is empty). */
  private nextSlot(): void {
    const { times, links, head, mask, slotsPerTime } = this;
    this.frontStart = this.frontEnd = 0;
    for (let searched = 0; searched <= mask; searched++, this.emptySlots++) {
      const slot = ++this.slot;
      const bucket = slot & mask;
      for (let cell = head[bucket]!, prev = -1; cell >= 0; ) {
        const next = links[4 * cell + 2]!;
        const time = times[2 * cell]!;
        // Events of later rounds of slots share the bucket: they stay.
        if (time * slotsPerTime < slot + 1) {
          this.insertFront(time, links[4 * cell + 3]!);
          if (prev >= 0) links[4 * prev + 2] = next;
          else head[bucket] = next;
          links[4 * cell + 2] = this.free;
          links[4 * cell + 3] = -1;
          this.free = cell;
        } else prev = cell;
        cell = next;
      }
      const count = this.frontEnd;
      if (count === 0) continue;
      this.taken += count;
      // Rebuilds for a width that no longer fits are spaced so as to cost O(1) per event: once a
      // quarter of the events have come out since the last, or sooner for a slot so full that
      // sorting it costs more than a rebuild. Never at the first slot after one, which would
      // only repeat it (its events may share one time, or lie far beyond the current time).
      const tooFull = count > 4 * EVENTS_PER_SLOT && (count * count > this.size || 4 * this.taken >= this.size);
      const tooEmpty = this.emptySlots > this.taken + 64 && 4 * this.taken >= this.size;
      if (this.taken > count && (tooFull || tooEmpty)) {
        this.rebuild();
        this.nextSlot();
        return;
      }
      this.onSlot?.(this.frontItem, count);
      return;
    }
    // A whole round of slots without an event: jump to the slot before the earliest.
    this.slot = Math.floor(this.earliest() * slotsPerTime) - 1;
    this.nextSlot();
  }

  /** The earliest time in the buckets. */
  private earliest(): number {
    let earliest = Infinity;
    for (let cell = 0; cell < this.used; cell++) {
      if (this.links[4 * cell + 3]! >= 0) earliest = Math.min(earliest, this.times[2 * cell]!);
    }
    return earliest;
  }

  /**
   * Sets the width to EVENTS_PER_SLOT mean gaps between the SAMPLE earliest events. Called when
   * cells 0 … used − 1 all hold events (after compaction).
   */
  private estimateWidth(): void {
    // The earliest times, kept sorted in `sample` while all are scanned: few get in.
    const { sample, times } = this;
    const k = Math.min(SAMPLE, this.used);
    let m = 0;
    for (let cell = 0; cell < this.used; cell++) {
      const t = times[2 * cell]!;
      if (m === k && t >= sample[k - 1]!) continue;
      let j = m < k ? m++ : k - 1;
      for (; j > 0 && sample[j - 1]! > t; j--) sample[j] = sample[j - 1]!;
      sample[j] = t;
    }
    // With fewer than two distinct times there is no scale: keep the width.
    if (k < 2 || !(sample[k - 1]! > sample[0]!)) return;
    this.slotsPerTime = Math.min((k - 1) / (EVENTS_PER_SLOT * (sample[k - 1]! - sample[0]!)), MAX_SLOTS_PER_TIME);
  }

  private enlarge(): void {
    const buffer = new ArrayBuffer(2 * this.buffer.byteLength);
    new Uint8Array(buffer).set(new Uint8Array(this.buffer));
    this.buffer = buffer;
    this.times = new Float64Array(buffer);
    this.links = new Int32Array(buffer);
  }

  /** Puts every event back into the buckets, with B and the width estimated afresh. */
  private rebuild(): void {
    for (let k = this.frontStart; k < this.frontEnd; k++) this.link(this.frontTime[k]!, this.frontItem[k]!);
    this.frontStart = this.frontEnd = 0;
    // Move the events into the first n cells, walking the cells in memory order (far faster than
    // bucket by bucket); the free cells are then the ones after them.
    const { times, links } = this;
    let n = 0;
    for (let cell = 0; cell < this.used; cell++) {
      if (links[4 * cell + 3]! < 0) continue;
      times[2 * n] = times[2 * cell]!;
      links[4 * n + 3] = links[4 * cell + 3]!;
      n++;
    }
    this.used = n;
    this.free = -1;
    this.taken = 0;
    this.emptySlots = 0;
    this.estimateWidth();
    let buckets = MIN_BUCKETS;
    while (buckets < n) buckets *= 2;
    if (this.head.length < buckets) this.head = new Int32Array(2 * buckets);
    this.head.fill(-1, 0, buckets);
    this.mask = buckets - 1;
    this.growAt = 2 * buckets;
    this.shrinkAt = buckets > MIN_BUCKETS ? buckets / 4 : 0;
    // The slot before the current time's, so that the next peek starts searching at the latter.
    this.slot = Math.floor(this.now * this.slotsPerTime) - 1;
    const { head, mask, slotsPerTime } = this;
    for (let cell = 0; cell < n; cell++) {
      const bucket = Math.floor(times[2 * cell]! * slotsPerTime) & mask;
      links[4 * cell + 2] = head[bucket]!;
      head[bucket] = cell;
    }
  }
}
