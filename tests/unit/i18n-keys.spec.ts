/**
 * The keys of the UI strings are a type (src/i18n/keys.ts): a misspelled or missing key does not
 * compile. The `@ts-expect-error` lines below fail `npm run check` if that typing ever breaks
 * (then the line would compile, and the directive would be unused).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { addStrings, applyLang, loadLang, t } from '../../src/i18n/index.svelte.ts';
import { CLASSROOM_STRINGS } from '../../src/i18n/parts.ts';
import type { StringKey, SubKey } from '../../src/i18n/keys.ts';
import { isKeyPart, type KeyParts } from '../../src/i18n/key-part.ts';
import { nodeTranslator } from '../../src/content/node.ts';
import type { Phase, Role } from '../../src/classroom/protocol.ts';

describe('typed string keys', () => {
  it('refuse a key that is not in the strings, at compile time', () => {
    const en = nodeTranslator('en');
    // @ts-expect-error: no such key
    expect(en('no.such.key')).toBe('no.such.key');
    // @ts-expect-error: a misspelling of home.title
    expect(en('home.titel')).toBe('home.titel');
    // @ts-expect-error: a section, not a string
    expect(typeof en('home')).toBe('string');
    // @ts-expect-error: plural forms are asked for without their suffix, with a count
    expect(en('authoring.invalid_one', { count: 1 })).toContain('1');
    const role: string = 'seller';
    // @ts-expect-error: a key built from any string could be anything
    expect(en(`classroom.role.${role}`)).toBe('Seller');
  });

  it('accept every key of the strings, plurals by their base name', () => {
    expectTypeOf<'home.title'>().toExtend<StringKey>();
    expectTypeOf<'authoring.invalid'>().toExtend<StringKey>();
    expectTypeOf<'authoring.invalid_one'>().not.toExtend<StringKey>();
    // Each role and phase of a classroom session has its name, and nothing else is under them.
    expectTypeOf<SubKey<'classroom.role.'>>().toEqualTypeOf<Role>();
    expectTypeOf<SubKey<'classroom.phase.'>>().toEqualTypeOf<Phase>();
    expectTypeOf<SubKey<'market.scene.say.', '.one'>>().toExtend<string>();
    const en = nodeTranslator('en');
    expect(en('authoring.invalid', { count: 2 })).toBe(
      'This file has 2 errors and was not opened. Your progress is unchanged.',
    );
  });

  it('resolve in the app’s own translate function', async () => {
    await loadLang('en');
    applyLang('en');
    expect(t('home.title')).toBe(nodeTranslator('en')('home.title'));
    expect(t('home.title')).not.toBe('home.title');
    // @ts-expect-error: the app's `t` takes only keys of the strings
    expect(t('no.such.key')).toBe('no.such.key');
    await addStrings(CLASSROOM_STRINGS);
    const roles: Role[] = ['seller', 'buyer', 'platform', 'courier'];
    const names = roles.map((role) => t(`classroom.role.${role}`));
    for (const name of names) expect(name).not.toMatch(/^classroom\./);
    expect(names[0]).toBe('Seller');
  });

  it('let a value from outside complete a key only once it is checked', () => {
    const langs: KeyParts<'import.langs.'> = { zh: true, en: true };
    const en = nodeTranslator('en');
    const fromFile: unknown = 'zh';
    expect(isKeyPart(langs, fromFile) ? en(`import.langs.${fromFile}`) : '').not.toBe('');
    expect(isKeyPart(langs, 'fr')).toBe(false);
    expect(isKeyPart(langs, 'toString')).toBe(false);
    expect(isKeyPart(langs, 1)).toBe(false);
  });
});
