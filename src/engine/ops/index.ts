/**
 * The op registry: one table of every primitive. A backend's kernel table is a
 * Record<OpName, ...> so a missing kernel is a compile error.
 */
import { absOp } from './abs';
import { addOp } from './add';
import { broadcastToOp } from './broadcastTo';
import { divOp } from './div';
import { expOp } from './exp';
import { greaterOp } from './greater';
import { logOp } from './log';
import { matmulOp } from './matmul';
import { maximumOp } from './maximum';
import { mulOp } from './mul';
import { negOp } from './neg';
import { reluOp } from './relu';
import { reshapeOp } from './reshape';
import { sigmoidOp } from './sigmoid';
import { signOp } from './sign';
import { sqrtOp } from './sqrt';
import { stepOp } from './step';
import { subOp } from './sub';
import { sumOp } from './sum';
import { tanhOp } from './tanh';

export const ops = {
  abs: absOp,
  add: addOp,
  broadcastTo: broadcastToOp,
  div: divOp,
  exp: expOp,
  greater: greaterOp,
  log: logOp,
  matmul: matmulOp,
  maximum: maximumOp,
  mul: mulOp,
  neg: negOp,
  relu: reluOp,
  reshape: reshapeOp,
  sigmoid: sigmoidOp,
  sign: signOp,
  sqrt: sqrtOp,
  step: stepOp,
  sub: subOp,
  sum: sumOp,
  tanh: tanhOp,
};
export type OpName = keyof typeof ops;

export { abs } from './abs';
export { add } from './add';
export { broadcastTo } from './broadcastTo';
export { div } from './div';
export { exp } from './exp';
export { greater } from './greater';
export { log } from './log';
export { matmul } from './matmul';
export { maximum } from './maximum';
export { mul } from './mul';
export { neg } from './neg';
export { relu } from './relu';
export { reshape } from './reshape';
export { sigmoid } from './sigmoid';
export { sign } from './sign';
export { sqrt } from './sqrt';
export { step } from './step';
export { sub } from './sub';
export { sum } from './sum';
export { tanh } from './tanh';
export { mean, square } from './composite';
