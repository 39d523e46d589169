// Undo as snapshots, batched per gesture: each entry is one whole answer of the server (plan,
// findings, figures), so undo never lands in a half state.

export class History {
  constructor(first) {
    this.entries = [first];
    this.index = 0;
    this.saved = 0;
  }

  get current() { return this.entries[this.index]; }
  get canUndo() { return this.index > 0; }
  get canRedo() { return this.index < this.entries.length - 1; }
  get dirty() { return this.index !== this.saved; }

  // batch: a key naming the gesture (such as held arrow keys on one wall); a push with the same key
  // within batchMs of the last replaces that step, so one undo takes back the whole run.
  push(entry, batch = null, now = Date.now(), batchMs = 1000) {
    const same = batch !== null && batch === this.batch && now - this.batchAt <= batchMs
      && this.index === this.entries.length - 1 && this.index > 0 && this.index !== this.saved;
    this.batch = batch;
    this.batchAt = now;
    if (same) {
      this.entries[this.index] = entry;
      return entry;
    }
    if (this.saved > this.index) { this.saved = -1; } // the saved state was undone and is now cut off
    this.entries = this.entries.slice(0, this.index + 1);
    this.entries.push(entry);
    this.index = this.entries.length - 1;
    return entry;
  }

  undo() {
    this.batch = null;
    if (this.canUndo) { this.index -= 1; }
    return this.current;
  }

  redo() {
    this.batch = null;
    if (this.canRedo) { this.index += 1; }
    return this.current;
  }

  markSaved() { this.saved = this.index; }

  // Back to the saved entry as a new step (so the discard itself can be undone).
  discard(savedEntry) {
    const entry = this.saved >= 0 ? this.entries[this.saved] : savedEntry;
    if (!this.dirty || !entry) { return this.current; }
    this.push(entry);
    this.saved = this.index;
    return entry;
  }
}
