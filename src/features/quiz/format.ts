/** A score as shown: negative numbers with a real minus sign (−2), as elsewhere in the app. */
export function score(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}
