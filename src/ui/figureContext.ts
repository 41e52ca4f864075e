import { createContext, useContext } from 'react';

/** The id of the <Figure> a plot sits in (null outside one): names its kept-run curves and its exports. */
export const FigureContext = createContext<string | null>(null);

export function useFigureId(): string | null {
  return useContext(FigureContext);
}
