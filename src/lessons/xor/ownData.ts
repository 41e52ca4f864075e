/**
 * The points an XOR run trains on: the student's own (the `data` param, see
 * src/ui/pointData.ts) or, for an empty or unreadable text, the four XOR points.
 */
import { decodePoints } from '../../ui/pointData';
import { XOR_RANGE, XOR_X, XOR_Y } from './types';

/** Inputs [n, 2] row-major and 0/1 targets [n] of the run's training set, and whether they are the student's. */
export function trainingSet(data: string): { x: number[]; y: number[]; own: boolean } {
  const { points } = decodePoints(data, XOR_RANGE);
  if (!points) return { x: XOR_X, y: XOR_Y, own: false };
  return { x: points.flatMap((p) => [p.x, p.y]), y: points.map((p) => p.cls), own: true };
}
