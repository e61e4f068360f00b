/**
 * Drawing a flow: mermaid (loaded only when a diagram is drawn) renders the generated source in
 * strict mode; the SVG is sanitised, then d3 animates it: the active message's token travels
 * along its arrow, the active roles light up. With reduced motion nothing travels.
 */
import { select } from 'd3-selection';
import 'd3-transition';
import { easeCubicInOut } from 'd3-ease';
import { sanitizeSvg } from '../../ui/sanitize.ts';

type Mermaid = (typeof import('mermaid'))['default'];
let mermaidReady: Promise<Mermaid> | null = null;
let renderCount = 0;

function loadMermaid(): Promise<Mermaid> {
  mermaidReady ??= import('mermaid').then((m) => m.default);
  return mermaidReady;
}

/** Resolve when the browser is idle (or after `timeout` ms), so text and controls come first. */
function idle(timeout: number): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 1);
  });
}

/**
 * Give the browser a turn (input, paint) before the next heavy part of a drawing, so that loading
 * mermaid, configuring it, drawing and sanitising are separate short tasks, not one long one.
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Drawings already made in this visit, by source and colour scheme: going back to a flow (after
 * a drill-down, another flow, a language switch) shows it at once instead of drawing it again.
 */
const drawings = new Map<string, string>();
const KEEP_DRAWINGS = 24;

/** Render sequence-diagram source to sanitised SVG text. */
export async function renderDiagram(source: string, dark: boolean): Promise<string> {
  const key = `${dark ? 'dark' : 'light'}\n${source}`;
  const kept = drawings.get(key);
  if (kept !== undefined) return kept;
  const svg = await draw(source, dark);
  if (drawings.size >= KEEP_DRAWINGS) drawings.delete(drawings.keys().next().value!);
  drawings.set(key, svg);
  return svg;
}

async function draw(source: string, dark: boolean): Promise<string> {
  // The first drawing waits for a quiet moment: mermaid is large, the page is usable without it.
  if (!mermaidReady) await idle(1500);
  const mermaid = await loadMermaid();
  await nextTask();
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // The app's own palette (src/app/app.css), read from the page, in light and dark alike.
    theme: 'base',
    themeVariables: paletteTheme(dark),
    htmlLabels: false,
    maxTextSize: 20_000,
    maxEdges: 300,
    // Settings a diagram's own %%{init}%% may never change.
    secure: [
      'secure',
      'securityLevel',
      'startOnLoad',
      'maxTextSize',
      'maxEdges',
      'htmlLabels',
      'flowchart',
      'themeCSS',
      'theme',
    ],
    sequence: {
      mirrorActors: false,
      // The source numbers each message itself (the usual path's number; none on a branch).
      showSequenceNumbers: false,
      useMaxWidth: true,
      wrap: false,
      width: 130,
    },
    // The same fonts as the page, so mermaid measures labels as they will be drawn.
    fontFamily: getComputedStyle(document.documentElement).fontFamily,
  });
  renderCount += 1;
  await nextTask();
  const { svg } = await mermaid.render(`flow-diagram-${renderCount}`, source);
  await nextTask();
  const clean = sanitizeSvg(svg);
  await nextTask();
  return clean;
}

/** Mermaid's theme variables from the app's colours (CSS custom properties of the page). */
function paletteTheme(dark: boolean): Record<string, string | boolean> {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const surface = v('--surface');
  const fg = v('--fg');
  const border = v('--border');
  const muted = v('--muted');
  return {
    darkMode: dark,
    background: surface,
    fontSize: '14px',
    primaryColor: v('--bg'),
    primaryTextColor: fg,
    primaryBorderColor: border,
    lineColor: muted,
    textColor: fg,
    actorBkg: v('--bg'),
    actorBorder: muted,
    actorTextColor: fg,
    actorLineColor: border,
    signalColor: muted,
    signalTextColor: fg,
    labelBoxBkgColor: surface,
    labelBoxBorderColor: border,
    labelTextColor: fg,
    noteBkgColor: v('--notice-bg'),
    noteTextColor: v('--notice-fg'),
    noteBorderColor: border,
    sequenceNumberColor: surface,
  };
}

/**
 * Mermaid's viewBox can cut off what it drew at the edges (a long role name's box at the right,
 * the last message's number at the bottom): fit the viewBox to everything drawn, with a margin.
 */
export function fitViewBox(svg: SVGSVGElement): void {
  const box = svg.getBBox();
  if (box.width === 0 || box.height === 0) return;
  const pad = 10;
  const width = Math.ceil(box.width + 2 * pad);
  svg.setAttribute(
    'viewBox',
    `${Math.floor(box.x - pad)} ${Math.floor(box.y - pad)} ${width} ${Math.ceil(box.height + 2 * pad)}`,
  );
  svg.style.maxWidth = `${width}px`;
}

export interface ShowOptions {
  /** Index of the active message (the current step) in the diagram. */
  index: number;
  /** Participant ids (r0, r1…) of the active step's roles. */
  roles: string[];
  /** Animate a token along the arrow. */
  travel: boolean;
  /** Milliseconds the token takes. */
  duration: number;
}

/** Mark done, active and upcoming messages and the active roles; send the token along. */
export function showStep(svg: SVGSVGElement, options: ShowOptions): void {
  const root = select(svg);
  const messages = svg.querySelectorAll<SVGGeometryElement>('[data-et="message"]');
  const labels = svg.querySelectorAll<SVGTextElement>('text.messageText');
  messages.forEach((el, i) => {
    el.classList.toggle('is-done', i < options.index);
    el.classList.toggle('is-active', i === options.index);
    labels[i]?.classList.toggle('is-active', i === options.index);
    labels[i]?.classList.toggle('is-done', i < options.index);
  });
  svg.querySelectorAll('[data-et="participant"]').forEach((g) => {
    g.classList.toggle('is-active-role', options.roles.includes(g.getAttribute('data-id') ?? ''));
  });

  root.selectAll('circle.token').interrupt().remove();
  const active = messages[options.index];
  if (!active) return;
  const point = pointAlong(active);
  const start = point(0);
  const token = root
    .append('circle')
    .attr('class', 'token')
    .attr('r', 7)
    .attr('cx', start.x)
    .attr('cy', start.y);
  if (!options.travel) {
    const end = point(1);
    token.attr('cx', end.x).attr('cy', end.y);
    return;
  }
  token
    .transition()
    .duration(options.duration)
    .ease(easeCubicInOut)
    .tween('travel', () => (t: number) => {
      const p = point(t);
      token.attr('cx', p.x).attr('cy', p.y);
    });
}

/** A function from 0..1 to a point on a message line or (self-message) path. */
function pointAlong(el: SVGGeometryElement): (t: number) => { x: number; y: number } {
  if (el instanceof SVGLineElement) {
    const x1 = el.x1.baseVal.value;
    const y1 = el.y1.baseVal.value;
    const x2 = el.x2.baseVal.value;
    const y2 = el.y2.baseVal.value;
    return (t) => ({ x: x1 + (x2 - x1) * t, y: y1 + (y2 - y1) * t });
  }
  const length = el.getTotalLength();
  return (t) => {
    const p = el.getPointAtLength(length * t);
    return { x: p.x, y: p.y };
  };
}
