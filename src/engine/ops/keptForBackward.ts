/**
 * Work a forward kernel did that its backward op needs again (max pooling's
 * arg-max indices), kept on the cpu between the two. A few slots, each tagged with the input tensor's id (ids are never
 * reused) and a key naming the geometry; a forward pass claims the least
 * recently used slot, and buffers are reused, so a training step in steady
 * state allocates nothing. The backward kernel looks its input up and, on a
 * miss (a later forward pass took the slot, or the forward pass ran on another
 * backend), recomputes the work itself: a miss costs time, never correctness.
 * Tensor values do not change between a forward pass and its backward pass
 * (only parameters change in place, and only in the optimizer step after both).
 */
interface Slot<T> {
  id: number;
  key: string;
  buf: T;
  used: number;
}

export class KeptForBackward<T extends Float32Array | Int32Array> {
  private readonly slots: Slot<T>[];
  private clock = 0;

  constructor(private readonly make: (size: number) => T, count = 8) {
    this.slots = Array.from({ length: count }, () => ({ id: -1, key: '', buf: make(0), used: 0 }));
  }

  /** A buffer of at least `size` elements for input `id`'s work, tagged `key` (its old contents are stale). */
  claim(id: number, key: string, size: number): T {
    let slot = this.slots.find((s) => s.id === id);
    if (!slot) slot = this.slots.reduce((a, b) => (b.used < a.used ? b : a));
    slot.id = id;
    slot.key = key;
    slot.used = ++this.clock;
    if (slot.buf.length < size) slot.buf = this.make(size);
    return slot.buf;
  }

  /** The buffer a forward pass filled for input `id` with `key`, or null. */
  find(id: number, key: string): T | null {
    const slot = this.slots.find((s) => s.id === id && s.key === key);
    return slot ? slot.buf : null;
  }
}
