/** This lesson's <Figure>: its `id` is checked against the `figures` in meta.ts at compile time. */
import { figureFor } from '../../ui/Figure';
import { meta } from './meta';

export const Figure = figureFor(meta);
