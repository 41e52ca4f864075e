/**
 * What an export says about where it came from: lesson, scene, seed and a
 * short hash of the params in its file name, the full params and the link
 * that reproduces it in its metadata.
 */
import type { Values } from '../params';
import { hash32 } from '../compare/encode';

export interface ExportSource {
  lesson: string;
  /** 0-based scene index; -1 for the free playground. */
  scene: number;
  params: Values;
  /** The address that reopens this state (kept runs left out). */
  url?: string;
}

/** The params as a sorted query string: the same params always give the same text (and hash). */
export function paramsText(params: Values): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&');
}

/** `<lesson>-scene<n>-seed<s>-<hash>-<what>.<ext>`; scenes counted from 1 as the tabs show them, "free" for the playground. */
export function exportName(src: ExportSource, what: string, ext: string): string {
  const scene = src.scene >= 0 ? `scene${src.scene + 1}` : 'free';
  const seed = src.params.seed !== undefined ? `-seed${src.params.seed}` : '';
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40);
  return `${safe(src.lesson)}-${scene}${seed}-${hash32(paramsText(src.params)).slice(0, 6)}-${safe(what)}.${ext}`;
}

/** One line that reproduces the export: lesson, scene, params and link (ASCII only, for PNG tEXt and CSV). */
export function sourceLine(src: ExportSource): string {
  const scene = src.scene >= 0 ? String(src.scene) : 'free';
  const line = `lesson=${src.lesson} scene=${scene} params=${paramsText(src.params)}${src.url ? ` url=${src.url}` : ''}`;
  return line.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c));
}
