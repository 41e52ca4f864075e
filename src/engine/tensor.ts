import type { Backend } from './backend';
import { sizeOf, type Shape } from './shape';

let nextId = 1;

/** An n-d array of f32 values living in a backend's storage. */
export class Tensor {
  readonly id = nextId++;
  readonly size: number;
  /** Leaf tensors (parameters) whose gradient can be asked for. */
  requiresGrad = false;
  /** Set when a recorded op produced it: gradients flow through it. */
  tracked = false;
  /** Kept tensors survive the tidy() scope that created them. */
  kept = false;
  disposed = false;

  #backend: Backend;

  constructor(
    readonly shape: Shape,
    public storage: unknown,
    backend: Backend,
  ) {
    this.size = sizeOf(shape);
    this.#backend = backend;
  }

  /** The backend that owns the storage (changes only through relocate()). */
  get backend(): Backend {
    return this.#backend;
  }

  /**
   * Hands the tensor to another backend with `storage` (from that backend's
   * alloc, already holding the values). Used when a lost GPU gives its live
   * tensors to the cpu; the old storage is the old backend's to forget.
   */
  relocate(backend: Backend, storage: unknown): void {
    this.assertLive('relocate');
    this.#backend = backend;
    this.storage = storage;
  }

  /** Values as a Float32Array view (cpu backend only; do not keep it across steps). */
  get values(): Float32Array {
    this.assertLive('read .values of');
    if (!this.backend.readSync) throw new Error(`${this.backend.name} tensors need await read()`);
    return this.backend.readSync(this);
  }

  /** A host copy of the values (works on every backend); rejects when the tensor was disposed. */
  read(): Promise<Float32Array> {
    if (this.disposed) return Promise.reject(this.disposedError('read()'));
    return this.backend.read(this);
  }

  /** The single value of a one-element tensor (cpu backend). */
  item(): number {
    return this.values[0];
  }

  /**
   * Throws when the tensor was disposed: its storage is back in the pool and
   * may already hold another tensor's values, so reading it would be silent garbage.
   */
  assertLive(what: string): void {
    if (this.disposed) throw this.disposedError(what);
  }

  private disposedError(what: string): Error {
    return new Error(`cannot ${what} tensor ${this.id} (shape [${this.shape}]): it was disposed (by tidy() or dispose()); keep() it or return it from the tidy() to use it later`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.backend.release(this.storage, this.size);
    this.storage = null;
  }
}
