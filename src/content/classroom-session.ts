/**
 * Reading a classroom session's JSON export (written by the teacher's console:
 * src/features/classroom/history.ts) in the class summary. The file is untrusted like any other
 * dropped file: checked by a schema, rebuilt from known keys only, every list and text bounded.
 * Only what the summary shows is read: each round's standings and who played which role, the
 * number of decisions, and the comparison with the bots-only run.
 */
import * as z from 'zod/mini';
import { ISO_TIME, parseWith } from './zod.ts';

export const SESSION_KIND = 'ecsim-classroom-session';
/** Version 1: rounds only; 2: the seed, the decisions and the comparison too. */
export const SESSION_VERSION = 2;

const ROLES = ['seller', 'buyer', 'platform', 'courier'] as const;
export type SessionRole = (typeof ROLES)[number];

const text = (max: number) => z.string().check(z.maxLength(max));
const amount = z.number().check(z.minimum(-1e12), z.maximum(1e12));
const Role = z.enum(ROLES);

const Standing = z.object({
  student: text(64),
  role: Role,
  name: text(64),
  bot: z.boolean(),
  score: amount,
  rank: z.int().check(z.minimum(1), z.maximum(10_000)),
});

const Round = z.object({
  round: z.int().check(z.minimum(1), z.maximum(1000)),
  scenario: text(64),
  standings: z.array(Standing).check(z.maxLength(2000)),
});

const Comparison = z.object({
  roles: z
    .array(
      z.object({
        role: Role,
        seats: z.int().check(z.minimum(0), z.maximum(10_000)),
        market: amount,
        botsOnly: amount,
      }),
    )
    .check(z.maxLength(ROLES.length)),
});

const SessionSchema = z.object({
  kind: z.literal(SESSION_KIND),
  version: z.int().check(z.minimum(1), z.maximum(SESSION_VERSION)),
  joinCode: text(16),
  exportedAt: z.string().check(z.regex(ISO_TIME)),
  rounds: z.array(Round).check(z.maxLength(1000)),
  decisions: z.optional(z.array(z.unknown()).check(z.maxLength(200_000))),
  comparison: z.optional(z.nullable(Comparison)),
});

export interface SessionStudent {
  id: string;
  name: string;
  /** The role played in each round (by round number), '' where the student had none. */
  roles: (SessionRole | '')[];
  /** The last round's score and rank within the role; null if not in the last round. */
  score: number | null;
  rank: number | null;
}

export interface ClassroomSession {
  joinCode: string;
  exportedAt: string;
  scenario: string;
  rounds: number;
  decisions: number;
  students: SessionStudent[];
  comparison: { role: SessionRole; seats: number; market: number; botsOnly: number }[] | null;
}

/** Is this parsed JSON a classroom session's export (of any version)? */
export function isSessionFile(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === SESSION_KIND
  );
}

export type SessionParse =
  | { ok: true; session: ClassroomSession }
  | { ok: false; reason: 'newer' | 'invalid'; detail?: string };

/** Read a classroom session's export; anything else is refused with a reason, never half-read. */
export function parseSession(value: unknown): SessionParse {
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SESSION_VERSION)
    return { ok: false, reason: 'newer' };
  const checked = parseWith(SessionSchema, value);
  if (!checked.ok) {
    const [field, index] = checked.path;
    const detail =
      field === undefined
        ? 'file'
        : typeof index === 'number'
          ? `${String(field)}[${index}]`
          : String(field);
    return { ok: false, reason: 'invalid', detail };
  }
  const f = checked.data;
  const rounds = [...f.rounds].sort((a, b) => a.round - b.round);
  const count = rounds.length === 0 ? 0 : rounds[rounds.length - 1]!.round;
  const last = rounds[rounds.length - 1];
  const students = new Map<string, SessionStudent>();
  for (const r of rounds)
    for (const s of r.standings) {
      let row = students.get(s.student);
      if (!row) {
        row = { id: s.student, name: s.name, roles: [], score: null, rank: null };
        students.set(s.student, row);
      }
      row.name = s.name;
      row.roles[r.round - 1] = s.role;
      if (r === last) {
        row.score = s.score;
        row.rank = s.rank;
      }
    }
  for (const row of students.values())
    row.roles = Array.from({ length: count }, (_, k) => row.roles[k] ?? '');
  return {
    ok: true,
    session: {
      joinCode: f.joinCode,
      exportedAt: f.exportedAt,
      scenario: last?.scenario ?? '',
      rounds: count,
      decisions: f.decisions?.length ?? 0,
      students: [...students.values()],
      comparison: f.comparison ? f.comparison.roles : null,
    },
  };
}
