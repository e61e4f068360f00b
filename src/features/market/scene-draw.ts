/**
 * Draws the market scene on two canvases: on the lower one the map (buyers, sellers, shops'
 * reach), redrawn only when it changes; on the upper one the orders in flight, frame by frame
 * (scene.ts says where each is). All drawing happens in animation frames, asked for only while
 * something moves; with reduced motion each day is drawn once, as it ends. Colours are the page's
 * CSS variables, read again when the theme changes.
 */
import type { SceneDay, SceneSetup } from './worker.ts';
import {
  PACE,
  afterwards,
  heldAt,
  itemsOf,
  journey,
  layout,
  mergeItems,
  moving,
  px,
  type Layout,
  type SceneItem,
} from './scene.ts';

const VARS = {
  surface: '--surface',
  fg: '--fg',
  muted: '--muted',
  border: '--border',
  seller: '--series-1',
  own: '--series-2',
  money: '--series-3',
  error: '--error',
  ok: '--ok',
} as const;
type Palette = Record<keyof typeof VARS, string>;

function palette(el: Element): Palette {
  const style = getComputedStyle(el);
  const out = {} as Palette;
  for (const [name, v] of Object.entries(VARS) as [keyof Palette, string][]) {
    out[name] = style.getPropertyValue(v).trim() || '#777';
  }
  return out;
}

export class ScenePainter {
  readonly #canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  /**
   * The map, on a canvas of its own under this one: redrawn only when the sellers trading, the
   * size or the colours change, so a frame draws the moving orders alone.
   */
  readonly #map: HTMLCanvasElement;
  #colours: Palette;
  #layout: Layout = layout(0);
  #dpr = 1;
  #setup: SceneSetup | null = null;
  #active: Uint8Array | null = null;
  #escrow = false;
  #items: SceneItem[] = [];
  #frame = 0;
  /** The map waits for the next frame: a day's update does no drawing of its own. */
  #mapDirty = true;
  #still = false;
  /** Until the page says otherwise (watch()'s observer reports at once): nothing drawn off screen. */
  #visible = typeof IntersectionObserver === 'undefined';

  private constructor(
    canvas: HTMLCanvasElement,
    ctx: CanvasRenderingContext2D,
    map: HTMLCanvasElement,
  ) {
    this.#canvas = canvas;
    this.#ctx = ctx;
    this.#map = map;
    this.#colours = palette(canvas);
  }

  /** A painter for the orders' canvas over the map's, or null where a canvas cannot draw (jsdom). */
  static create(canvas: HTMLCanvasElement, map: HTMLCanvasElement): ScenePainter | null {
    let ctx: CanvasRenderingContext2D | null;
    try {
      ctx = canvas.getContext('2d');
    } catch {
      return null;
    }
    return ctx ? new ScenePainter(canvas, ctx, map) : null;
  }

  /** The canvas's side in CSS pixels, and the screen's pixel ratio. */
  resize(size: number, dpr: number): void {
    const side = Math.round(size * dpr);
    if (side === this.#canvas.width && dpr === this.#dpr) return;
    this.#dpr = dpr;
    this.#layout = layout(size);
    this.#canvas.width = this.#canvas.height = side;
    this.#map.width = this.#map.height = side;
    this.#mapDirty = true;
    this.#redraw();
  }

  recolour(): void {
    this.#colours = palette(this.#canvas);
    this.#mapDirty = true;
    this.#redraw();
  }

  /** A new run's map (null before one starts): what was drawn for the last run goes. */
  setMap(setup: SceneSetup | null): void {
    this.#setup = setup;
    this.#active = null;
    this.#escrow = false;
    this.#items = [];
    this.#mapDirty = true;
    this.#redraw();
  }

  /** A new day: its orders start moving (or, with `still`, are drawn where they end). */
  setDay(day: SceneDay | null, playing: boolean, still: boolean): void {
    const setup = this.#setup;
    this.#still = still;
    if (!setup || !day) {
      this.#items = [];
      this.#redraw();
      return;
    }
    if (!sameFlags(this.#active, day.active)) {
      this.#active = day.active;
      this.#mapDirty = true;
    }
    this.#escrow = day.escrow;
    const now = performance.now();
    const fresh = itemsOf(setup, day, now, playing && !still ? PACE.playing : PACE.step);
    this.#items = mergeItems(this.#items, fresh, now, playing && !still);
    this.#redraw();
  }

  /** Off screen nothing is animated; back on screen it catches up. */
  setVisible(on: boolean): void {
    this.#visible = on;
    if (on) this.#redraw();
  }

  /**
   * Follow the canvas's size, whether it is on screen, and the theme (the switch or the system's);
   * returns what stops all that and the drawing.
   */
  watch(): () => void {
    const el = this.#canvas;
    const fit = () => this.resize(el.clientWidth, Math.min(2, devicePixelRatio || 1));
    fit();
    const sized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(fit);
    sized?.observe(el);
    const seen =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver(([e]) => this.setVisible(e?.isIntersecting ?? true));
    seen?.observe(el);
    const recolour = () => this.recolour();
    const theme = new MutationObserver(recolour);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', recolour);
    return () => {
      sized?.disconnect();
      seen?.disconnect();
      theme.disconnect();
      scheme.removeEventListener('change', recolour);
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.#items = [];
    };
  }

  #redraw(): void {
    if (!this.#visible || this.#layout.size === 0 || this.#frame) return;
    this.#frame = requestAnimationFrame(this.#tick);
  }

  /** One frame; with reduced motion, the day as it ends, once. */
  readonly #tick = (now: number): void => {
    this.#frame = 0;
    if (this.#mapDirty) this.#paintMap();
    this.#draw(this.#still ? Infinity : now);
    if (!this.#still && this.#visible && moving(this.#items, now)) {
      this.#frame = requestAnimationFrame(this.#tick);
    }
  };

  #paintMap(): void {
    const g = this.#map.getContext('2d');
    const l = this.#layout;
    if (!g || l.size === 0) return;
    this.#mapDirty = false;
    const k = this.#colours;
    g.setTransform(this.#dpr, 0, 0, this.#dpr, 0, 0);
    g.clearRect(0, 0, l.size, l.size);
    g.fillStyle = k.surface;
    g.fillRect(0, 0, l.size, l.size);
    g.strokeStyle = k.border;
    g.lineWidth = 1;
    g.strokeRect(0.5, 0.5, l.size - 1, l.size - 1);
    const s = this.#setup;
    if (!s) return;
    const m = l.mark;
    // Buyers: small dots, all in one path.
    g.fillStyle = k.muted;
    g.globalAlpha = 0.5;
    g.beginPath();
    const d = 1.1 * m;
    for (let i = 0; i < s.buyers.length; i += 2) {
      g.rect(px(l, s.buyers[i]!) - d, px(l, s.buyers[i + 1]!) - d, 2 * d, 2 * d);
    }
    g.fill();
    const n = s.sellers.length / 2;
    const on = (j: number) => !this.#active || this.#active[j] === 1;
    // Each shop's or merchant's reach.
    if (s.radius > 0) {
      const r = s.radius * l.span;
      g.beginPath();
      for (let j = 0; j < n; j++) {
        if (!on(j)) continue;
        const x = px(l, s.sellers[2 * j]!);
        const y = px(l, s.sellers[2 * j + 1]!);
        g.moveTo(x + r, y);
        g.arc(x, y, r, 0, 2 * Math.PI);
      }
      g.fillStyle = k.seller;
      g.globalAlpha = 0.05;
      g.fill();
      g.strokeStyle = k.seller;
      g.globalAlpha = 0.35;
      g.stroke();
    }
    // Sellers: squares, the platform's own as triangles; those who left, faded outlines.
    g.globalAlpha = 1;
    for (const pass of [0, 1, 2] as const) {
      g.beginPath();
      for (let j = 0; j < n; j++) {
        const own = s.own[j] === 1;
        if ((pass === 0 && on(j)) || (pass > 0 && (!on(j) || own !== (pass === 2)))) continue;
        const x = px(l, s.sellers[2 * j]!);
        const y = px(l, s.sellers[2 * j + 1]!);
        if (own) triangle(g, x, y, 5 * m);
        else g.rect(x - 3.5 * m, y - 3.5 * m, 7 * m, 7 * m);
      }
      if (pass === 0) {
        g.strokeStyle = k.muted;
        g.globalAlpha = 0.6;
        g.stroke();
        g.globalAlpha = 1;
      } else {
        g.fillStyle = pass === 2 ? k.own : k.seller;
        g.fill();
      }
    }
  }

  #draw(now: number): void {
    const c = this.#ctx;
    const l = this.#layout;
    const k = this.#colours;
    const m = l.mark;
    const items = this.#items;
    c.setTransform(this.#dpr, 0, 0, this.#dpr, 0, 0);
    c.clearRect(0, 0, l.size, l.size);
    // Routes: solid where goods go, dashed where none do (fraud, a refund, an order turned away).
    c.lineWidth = 1;
    c.strokeStyle = k.fg;
    for (const dashed of [false, true]) {
      c.setLineDash(dashed ? [3, 3] : []);
      c.globalAlpha = dashed ? 0.45 : 0.3;
      c.beginPath();
      for (const it of items) {
        if (it.reach > 0 === dashed) continue;
        c.moveTo(px(l, it.sx), px(l, it.sy));
        c.lineTo(px(l, it.bx), px(l, it.by));
      }
      c.stroke();
    }
    c.setLineDash([]);
    c.globalAlpha = 1;
    const vx = px(l, 0.5);
    const vy = px(l, 0.5);
    for (const it of items) {
      const go = journey(it, now);
      const after = afterwards(it, now);
      // The goods: on their way, stopped where they failed, or (a return) on the way back.
      let f = it.reach * ease(go);
      if (it.kind === 'returned' && go >= 1) f = 1 - ease(after);
      const gx = px(l, it.sx + (it.bx - it.sx) * f);
      const gy = px(l, it.sy + (it.by - it.sy) * f);
      if (it.reach > 0 && (go < 1 || it.flag === null || it.kind === 'returned')) {
        c.fillStyle = k.fg;
        c.strokeStyle = k.surface;
        c.beginPath();
        c.arc(gx, gy, 3 * m, 0, 2 * Math.PI);
        c.fill();
        c.stroke();
      }
      // Escrow's money goes, on receipt or failure, from the vault to the seller or back.
      if (it.held && go >= 1 && after < 1) {
        const tx = it.payee === 'seller' ? it.sx : it.bx;
        const ty = it.payee === 'seller' ? it.sy : it.by;
        const e = ease(after);
        coin(c, vx + (px(l, tx) - vx) * e, vy + (px(l, ty) - vy) * e, m, k);
      }
      if (it.flag && go >= 1) {
        const fx = it.reach > 0 && it.kind !== 'returned' ? gx : px(l, it.bx);
        const fy = it.reach > 0 && it.kind !== 'returned' ? gy : px(l, it.by);
        flag(c, it.flag, fx, fy, m, k);
      }
    }
    if (this.#escrow) vault(c, vx, vy, heldAt(items, now), m, k);
  }
}

function sameFlags(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function ease(v: number): number {
  return v < 0.5 ? 2 * v * v : 1 - (2 - 2 * v) ** 2 / 2;
}

function triangle(g: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  g.moveTo(x, y - r);
  g.lineTo(x + r, y + 0.8 * r);
  g.lineTo(x - r, y + 0.8 * r);
  g.closePath();
}

function diamond(c: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  c.beginPath();
  c.moveTo(x, y - r);
  c.lineTo(x + r, y);
  c.lineTo(x, y + r);
  c.lineTo(x - r, y);
  c.closePath();
}

function coin(c: CanvasRenderingContext2D, x: number, y: number, m: number, k: Palette): void {
  c.beginPath();
  c.arc(x, y, 3.5 * m, 0, 2 * Math.PI);
  c.fillStyle = k.money;
  c.fill();
}

/** Fraud: a filled diamond; caught by escrow: an open one; failed: a cross; returned: a ring. */
function flag(
  c: CanvasRenderingContext2D,
  kind: SceneItem['flag'],
  x: number,
  y: number,
  m: number,
  k: Palette,
): void {
  const r = 5.5 * m;
  c.lineWidth = 2;
  c.strokeStyle = k.surface;
  if (kind === 'fraud' || kind === 'refund') {
    diamond(c, x, y, r);
    c.fillStyle = kind === 'fraud' ? k.error : k.surface;
    c.fill();
    c.strokeStyle = kind === 'fraud' ? k.surface : k.ok;
    c.stroke();
  } else if (kind === 'failed') {
    c.beginPath();
    c.moveTo(x - r * 0.8, y - r * 0.8);
    c.lineTo(x + r * 0.8, y + r * 0.8);
    c.moveTo(x + r * 0.8, y - r * 0.8);
    c.lineTo(x - r * 0.8, y + r * 0.8);
    c.lineWidth = 4;
    c.stroke();
    c.lineWidth = 2;
    c.strokeStyle = k.error;
    c.stroke();
  } else {
    c.beginPath();
    c.arc(x, y, r * 0.8, 0, 2 * Math.PI);
    c.strokeStyle = k.fg;
    c.stroke();
  }
  c.lineWidth = 1;
}

/** The platform's vault in the middle, with how many payments it holds (¥ ×n). */
function vault(
  c: CanvasRenderingContext2D,
  x: number,
  y: number,
  held: number,
  m: number,
  k: Palette,
): void {
  const label = held > 0 ? `¥ ×${held}` : '¥';
  c.font = `600 ${Math.round(12 * m)}px system-ui, sans-serif`;
  const w = Math.max(26 * m, c.measureText(label).width + 12 * m);
  const h = 20 * m;
  c.beginPath();
  c.roundRect(x - w / 2, y - h / 2, w, h, 4 * m);
  c.fillStyle = k.surface;
  c.fill();
  c.lineWidth = 2;
  c.strokeStyle = k.money;
  c.stroke();
  c.lineWidth = 1;
  c.fillStyle = k.fg;
  c.textAlign = 'center';
  c.textBaseline = 'middle';
  c.fillText(label, x, y + 0.5);
}
