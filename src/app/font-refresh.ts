/**
 * On a computer without a Chinese font, the app's own font (scripts/cjk-font.ts) arrives in
 * slices as pages need them. Chromium does not always draw again the text it laid out before a
 * slice arrived: headings stayed empty boxes until the page was reloaded at another size. Each
 * time slices of that font finish loading, the page's font settings change in a way nobody can
 * see (a feature tag no font has), so every text is shaped again with the fonts now there.
 * Where a Chinese font of the computer comes first in the font stack, the app's font is never
 * loaded and this never runs.
 */
export function refreshTextOnFontLoad(): void {
  // The app's own font is the only one it declares (index.html), so any load is one of its slices.
  let loads = 0;
  document.fonts.addEventListener('loadingdone', () => {
    document.documentElement.style.fontFeatureSettings = `"kern" 1, "ecfl" ${++loads}`;
  });
}
