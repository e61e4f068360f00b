import { describe, expect, it } from 'vitest';
import { addStrings, t } from '../../src/i18n/index.svelte.ts';
import { AUTHORING_STRINGS } from '../../src/i18n/parts.ts';
import { setLang } from '../../src/state/settings.svelte.ts';

describe('t, which keeps strings it has looked up', () => {
  it('finds a string once its part loads, and follows a change of language', async () => {
    // Before the authoring part is loaded, the key is all there is.
    expect(t('authoring.openTitle')).toBe('authoring.openTitle');
    await addStrings(AUTHORING_STRINGS);
    const zh = t('authoring.openTitle');
    expect(zh).not.toBe('authoring.openTitle');
    await setLang('en');
    const en = t('authoring.openTitle');
    expect(en).not.toBe(zh);
    expect(en).toMatch(/^[\x20-\x7e]+$/);
    await setLang('zh-CN');
    expect(t('authoring.openTitle')).toBe(zh);
  });
});
