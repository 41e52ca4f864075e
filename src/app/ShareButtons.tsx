import { useState, useEffect } from 'react';
import type { LessonMeta } from '../ui/lesson';
import { href } from './router';
import { setPresenting } from './shortcuts';
import { useStore } from '../ui/store';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The iframe snippet for the lesson's current state (params, scene, seed from
 * the address), with the few lines of script that apply the embed's
 * `dlp:resize` height to the frame, so it fits its content at any width. The
 * script only listens to this app's origin and this frame.
 */
export function embedSnippet(meta: LessonMeta): string {
  const origin = location.origin;
  const src = `${origin}${href(`/embed/${meta.id}`)}${location.search}`;
  const fid = `dlp-${meta.id}`;
  const iframe = `<iframe id="${fid}" src="${src.replace(/"/g, '&quot;')}" title="${meta.title} (Deep Learning Playground)" width="100%" height="640" style="border:0;display:block" loading="lazy"></iframe>`;
  const script =
    `<script>addEventListener('message',function(e){var f=document.getElementById('${fid}');` +
    `if(!f||e.origin!=='${origin}'||e.source!==f.contentWindow||!e.data||e.data.type!=='dlp:resize')return;` +
    `var h=Number(e.data.height);if(h>0&&h<20000)f.style.height=Math.ceil(h)+'px';});</script>`;
  return `${iframe}\n${script}`;
}

/** Present, Copy link and Embed: the ways to show or share what is on screen. */
export function ShareButtons({ meta }: { meta: LessonMeta }) {
  const [copied, setCopied] = useState<string | null>(null);
  const [showEmbed, setShowEmbed] = useState(false);
  const presenting = useStore((s) => s.presenting);
  // the snippet is a popover (it used to open inline and push the page down): Escape closes it
  useEffect(() => {
    if (!showEmbed) return;
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setShowEmbed(false);
    };
    document.addEventListener('keydown', esc);
    return () => document.removeEventListener('keydown', esc);
  }, [showEmbed]);
  const copy = async (what: string, text: string) => {
    const ok = await copyText(text);
    setCopied(ok ? `${what} copied` : `Copy failed: select the text and copy it`);
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <div className="tools">
      <button type="button" onClick={() => setPresenting(!presenting)} aria-pressed={presenting} title="Presenter mode (key p)">
        Present
      </button>
      <button type="button" onClick={() => copy('Link', location.href)}>
        Copy link
      </button>
      <button type="button" onClick={() => setShowEmbed(!showEmbed)} aria-expanded={showEmbed}>
        Embed
      </button>
      {copied && (
        <span className="note" role="status">
          {copied}
        </span>
      )}
      {showEmbed && (
        <div className="embed-box" role="dialog" aria-label="Embed this lesson">
          <label htmlFor="embed-snippet">Paste this into a course page:</label>
          <textarea id="embed-snippet" readOnly rows={6} value={embedSnippet(meta)} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => copy('Snippet', embedSnippet(meta))}>
            Copy snippet
          </button>
        </div>
      )}
    </div>
  );
}

/** The key legend shown while presenting. */
export function KeyLegend() {
  return (
    <p className="key-legend" aria-label="Keyboard shortcuts">
      <kbd>←</kbd>/<kbd>→</kbd> scene · <kbd>space</kbd> play/pause · <kbd>r</kbd> reset · <kbd>c</kbd> controls · <kbd>d</kbd> scene defaults · <kbd>h</kbd> hide/reveal results · <kbd>p</kbd> or <kbd>Esc</kbd> leave
    </p>
  );
}
