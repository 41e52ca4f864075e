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
import { reluGradOp } from './reluGrad';
import { reshapeOp } from './reshape';
import { sigmoidOp } from './sigmoid';
import { sigmoidGradOp } from './sigmoidGrad';
import { signOp } from './sign';
import { sqrtOp } from './sqrt';
import { stepOp } from './step';
import { subOp } from './sub';
import { sumOp } from './sum';
import { tanhOp } from './tanh';
import { tanhGradOp } from './tanhGrad';
import { addScaledOp } from './addScaled';
import { clipOp } from './clip';
import { concatOp } from './concat';
import { conv2dGradFilterOp, conv2dGradInputOp, conv2dOp } from './conv2d';
import { equalOp } from './equal';
import { leakyReluOp } from './leakyRelu';
import { maxOp } from './max';
import { padOp } from './pad';
import { avgPool2dGradOp, avgPool2dOp, maxPool2dGradOp, maxPool2dOp } from './pool';
import { powOp } from './pow';
import { sliceOp } from './slice';
import { stopGradientOp } from './stopGradient';
import { transposeOp } from './transpose';
import { whereOp } from './where';
import { lstmCellGradStateOp, lstmCellGradWOp, lstmCellGradZOp, lstmCellOp } from './lstmCell';
import { gruCellGradStateOp, gruCellGradWOp, gruCellGradZOp, gruCellOp } from './gruCell';

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
  reluGrad: reluGradOp,
  reshape: reshapeOp,
  sigmoid: sigmoidOp,
  sigmoidGrad: sigmoidGradOp,
  sign: signOp,
  sqrt: sqrtOp,
  step: stepOp,
  sub: subOp,
  sum: sumOp,
  tanh: tanhOp,
  tanhGrad: tanhGradOp,
  avgPool2d: avgPool2dOp,
  avgPool2dGrad: avgPool2dGradOp,
  addScaled: addScaledOp,
  clip: clipOp,
  concat: concatOp,
  conv2d: conv2dOp,
  conv2dGradFilter: conv2dGradFilterOp,
  conv2dGradInput: conv2dGradInputOp,
  equal: equalOp,
  leakyRelu: leakyReluOp,
  max: maxOp,
  maxPool2d: maxPool2dOp,
  maxPool2dGrad: maxPool2dGradOp,
  pad: padOp,
  pow: powOp,
  slice: sliceOp,
  stopGradient: stopGradientOp,
  transpose: transposeOp,
  where: whereOp,
  // fused recurrent cells: one op per time step forward, three backward
  lstmCell: lstmCellOp,
  lstmCellGradZ: lstmCellGradZOp,
  lstmCellGradState: lstmCellGradStateOp,
  lstmCellGradW: lstmCellGradWOp,
  gruCell: gruCellOp,
  gruCellGradZ: gruCellGradZOp,
  gruCellGradState: gruCellGradStateOp,
  gruCellGradW: gruCellGradWOp,
};
export type OpName = keyof typeof ops;

/**
 * Fused backward ops of the activations: one pass in place of a short
 * composite (the small-model benchmarks are dominated by per-op cost), real
 * ops with a kernel on every backend, so both record the same tape.
 */
export { reluGrad, reluGradOp } from './reluGrad';
export { sigmoidGrad, sigmoidGradOp } from './sigmoidGrad';
export { tanhGrad, tanhGradOp } from './tanhGrad';

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
export { addScaled } from './addScaled';
export { clip } from './clip';
export { concat } from './concat';
export { conv2d, convOutSize, conv2dGradFilter, conv2dGradInput, type ConvOptions, type Conv2dAttrs } from './conv2d';
export { equal } from './equal';
export { leakyRelu } from './leakyRelu';
export { max } from './max';
export { pad } from './pad';
export { avgPool2d, maxPool2d } from './pool';
export { pow } from './pow';
export { slice } from './slice';
export { softmax, logSoftmax } from './softmax';
export { stopGradient } from './stopGradient';
export { transpose } from './transpose';
export { where } from './where';
export { lstmCell } from './lstmCell';
export { gruCell } from './gruCell';
