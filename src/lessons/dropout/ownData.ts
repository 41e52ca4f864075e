/**
 * A student's own training set for the 2-D data sets (the `data` param, see
 * src/ui/pointData.ts). Their points are the training set; the validation
 * points stay the lesson's (see makePlaneSplit): validation has to be an
 * independent sample of the distribution for its loss to measure overfitting,
 * and a student who adds, say, mislabelled points then sees what fitting them
 * costs on fresh points.
 */
import { decodePoints } from '../../ui/pointData';
import type { Labeled } from './data';
import { PLANE_RANGE } from './types';

/** The decoded training set, or null for the lesson's own (empty or unreadable text). */
export function ownTrainingSet(data: string): Labeled | null {
  const { points } = decodePoints(data, PLANE_RANGE);
  if (!points) return null;
  return { x: Float32Array.from(points.flatMap((p) => [p.x, p.y])), y: Int32Array.from(points, (p) => p.cls), n: points.length, dim: 2 };
}
