/**
 * The public contract of /embed/<id> for course sites: every message a host
 * page may post to the embed, and every message the embed posts back. Typed
 * here once; the README shows a host page that uses them.
 */
import type { Param } from '../ui/params';

/** The tallest height an embed asks its host for (px); longer content scrolls inside the frame. */
export const MAX_EMBED_HEIGHT = 1600;

export type ParamValue = number | string | boolean;

/** What a host page posts into the iframe (contentWindow.postMessage(msg, origin)). */
export type HostToEmbed =
  | { type: 'dlp:play' }
  | { type: 'dlp:pause' }
  | { type: 'dlp:step' }
  | { type: 'dlp:reset' }
  /** Results hidden (predict, then reveal) or shown. */
  | { type: 'dlp:hide' }
  | { type: 'dlp:reveal' }
  /** Exactly one of: some params (checked against the lesson's schema), or a scene number from 0. */
  | { type: 'dlp:set'; params: Record<string, ParamValue> }
  | { type: 'dlp:set'; scene: number };

/** The embed's state, sent in dlp:ready and in every dlp:state. */
export interface EmbedState {
  playing: boolean;
  /** The scene number from 0; -1 is the Sandbox. */
  scene: number;
  params: Record<string, ParamValue>;
  backend: 'cpu' | 'webgpu' | null;
  step: number;
  done: boolean;
  hidden: boolean;
}

/** What the embed posts to its parent window. */
export type EmbedToHost =
  | { type: 'dlp:ready'; lesson: string; title: string; params: readonly Param[]; scenes: { title: string }[]; state: EmbedState }
  /** After every command that changes state (play, pause, step, reset, set, hide, reveal) and whenever the state changes on its own (a run finishes). */
  | ({ type: 'dlp:state'; lesson: string } & EmbedState)
  /** At most 4 times a second while training. */
  | { type: 'dlp:metrics'; lesson: string; step: number; values: Record<string, number> }
  /** A message that was refused: nothing of it was applied; `state` holds the values still in use. */
  | { type: 'dlp:error'; message: string; received: string; state: EmbedState }
  /** The height the embed's content needs (bounded: longer content scrolls inside the frame). */
  | { type: 'dlp:resize'; height: number };
