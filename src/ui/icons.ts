/**
 * The app's icons, from Lucide (ISC licence), imported one icon at a time so that a page carries
 * only the icons it draws. Roles of flows and markets, and the home page's activities. Drawn by
 * src/ui/Icon.svelte.
 */
import user from 'lucide/dist/esm/icons/user.mjs';
import monitorSmartphone from 'lucide/dist/esm/icons/monitor-smartphone.mjs';
import creditCard from 'lucide/dist/esm/icons/credit-card.mjs';
import store from 'lucide/dist/esm/icons/store.mjs';
import truck from 'lucide/dist/esm/icons/truck.mjs';
import landmark from 'lucide/dist/esm/icons/landmark.mjs';
import circleDot from 'lucide/dist/esm/icons/circle-dot.mjs';

/** An icon as Lucide describes it: SVG elements with their attributes, on a 24 × 24 grid. */
export type IconNode = [tag: string, attrs: Record<string, string | undefined>][];

export type RoleKind = 'user' | 'platform' | 'payment' | 'merchant' | 'carrier' | 'bank' | 'other';

export const ROLE_ICONS: Record<RoleKind, IconNode> = {
  user,
  platform: monitorSmartphone,
  payment: creditCard,
  merchant: store,
  carrier: truck,
  bank: landmark,
  other: circleDot,
};

/**
 * Flows and teachers' files name roles freely: the usual names and a few synonyms (English ids)
 * are recognised; any other role gets a plain dot.
 */
const KINDS: [RegExp, RoleKind][] = [
  [/^(user|buyer|consumer|customer|student|shopper)s?$/, 'user'],
  [/^(platform|marketplace|mall|site|app)s?$/, 'platform'],
  [/^(payment|pay|alipay|wechat|wechat-?pay|psp|gateway)s?$/, 'payment'],
  [/^(merchant|seller|shop|store|supplier|factory|restaurant)s?$/, 'merchant'],
  [/^(logistics|carrier|courier|express|delivery|shipper)s?$/, 'carrier'],
  [/^(bank|escrow|guarantee)s?$/, 'bank'],
];

export function roleKind(id: string): RoleKind {
  const key = id.toLowerCase();
  return KINDS.find(([pattern]) => pattern.test(key))?.[1] ?? 'other';
}

export function roleIcon(id: string): IconNode {
  return ROLE_ICONS[roleKind(id)];
}
