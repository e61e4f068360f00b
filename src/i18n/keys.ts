/**
 * The keys of the UI strings, as a type: every dotted path to a string in any part (resources.ts),
 * with i18next's plural suffixes taken off (`foo_one`/`foo_other` are asked for as `foo` with a
 * `count`). Types only: nothing here reaches the bundle. Both languages have the same keys
 * (tests/unit/i18n.spec.ts), so the English files stand for both.
 */
import type core from './en.json';
import type flows from './flows/en.json';
import type content from './content/en.json';
import type market from './market/en.json';
import type quiz from './quiz/en.json';
import type authoring from './authoring/en.json';
import type progress from './progress/en.json';
import type classroom from './classroom/en.json';
import type lesson from './lesson/en.json';
import type pwa from './pwa/en.json';

/** The dotted paths to the strings of one part. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Unplural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** A key of the UI strings: `t` accepts only these. */
export type StringKey = Unplural<
  | Leaves<typeof core>
  | Leaves<typeof flows>
  | Leaves<typeof content>
  | Leaves<typeof market>
  | Leaves<typeof quiz>
  | Leaves<typeof authoring>
  | Leaves<typeof progress>
  | Leaves<typeof classroom>
  | Leaves<typeof lesson>
  | Leaves<typeof pwa>
>;

/**
 * What varies in the keys with a given start and end: `SubKey<'classroom.role.'>` is the roles
 * with a name, `SubKey<'market.read.', '.one'>` the metrics with a reading. For typing the values
 * that complete a key, as in t(`classroom.role.${role}`).
 */
export type SubKey<Prefix extends string, Suffix extends string = ''> =
  // Picking the family first, then taking it apart, costs the compiler about half as much.
  Extract<StringKey, `${Prefix}${string}${Suffix}`> extends infer K
    ? K extends `${Prefix}${infer Part}${Suffix}`
      ? Part
      : never
    : never;
