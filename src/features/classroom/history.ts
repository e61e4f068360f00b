/**
 * What the teacher's console saw of the session, round by round (metrics, standings, roles,
 * events), and its export as CSV (through the one CSV writer) and JSON.
 */
import { toCsv, type CsvCell } from '../../content/csv.ts';
import {
  PUBLIC_METRICS,
  type DecisionRecord,
  type HostView,
  type PublicMetric,
  type PublicStanding,
} from '../../classroom/protocol.ts';
import type { PublicSnapshot } from './connection.svelte.ts';

export interface RoundRecord {
  round: number;
  scenario: string;
  daysPerRound: number;
  metrics: PublicSnapshot['metrics'];
  standings: PublicStanding[];
  events: string[];
  /** Each student's role and whether a bot covered them when the round ended. */
  students: { id: string; name: string; role: string; covered: boolean }[];
}

/** The record of a completed round, from the state right after it. */
export function recordOf(view: PublicSnapshot): RoundRecord {
  return {
    round: view.round,
    scenario: view.scenario,
    daysPerRound: view.daysPerRound,
    metrics: { ...view.metrics },
    standings: view.standings.map((s) => ({ ...s })),
    events: [...view.events],
    students: view.students.map((s) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      covered: s.covered,
    })),
  };
}

/** Adds the round if it is new (the state repeats itself between rounds). */
export function addRound(history: RoundRecord[], view: PublicSnapshot): RoundRecord[] {
  if (view.round < 1 || history.some((r) => r.round === view.round)) return history;
  return [...history, recordOf(view)].sort((a, b) => a.round - b.round);
}

/**
 * One CSV: a row per round and standing (student, role, bot, score, rank) with that round's
 * market figures alongside, headed by `headings` (translated by the caller).
 */
export function historyCsv(
  history: readonly RoundRecord[],
  headings: {
    round: string;
    student: string;
    name: string;
    role: string;
    bot: string;
    score: string;
    rank: string;
    events: string;
  },
  metricHeading: (key: PublicMetric) => string,
): string {
  const rows: CsvCell[][] = [
    [
      headings.round,
      headings.student,
      headings.name,
      headings.role,
      headings.bot,
      headings.score,
      headings.rank,
      headings.events,
      ...PUBLIC_METRICS.map(metricHeading),
    ],
  ];
  for (const r of history) {
    const figures = PUBLIC_METRICS.map((m) => r.metrics[m] ?? null);
    const events = r.events.join(' ');
    for (const s of r.standings)
      rows.push([
        r.round,
        s.student,
        s.name,
        s.role,
        s.bot ? 1 : 0,
        s.score,
        s.rank,
        events,
        ...figures,
      ]);
    if (r.standings.length === 0)
      rows.push([r.round, null, null, null, null, null, null, events, ...figures]);
  }
  return toCsv(rows);
}

/**
 * The decisions of the session, a row each: round, name, role, who played the seat, and what was
 * decided (described by the caller, in the reader's language).
 */
export function decisionsCsv(
  decisions: readonly DecisionRecord[],
  headings: { round: string; name: string; role: string; playedBy: string; decision: string },
  words: {
    role: (role: DecisionRecord['role']) => string;
    playedBy: (held: boolean) => string;
    decision: (d: DecisionRecord) => string;
  },
): string {
  const rows: CsvCell[][] = [
    [headings.round, headings.name, headings.role, headings.playedBy, headings.decision],
  ];
  for (const d of decisions)
    rows.push([d.round, d.name, words.role(d.role), words.playedBy(d.held), words.decision(d)]);
  return toCsv(rows);
}

/**
 * The session as JSON: every round the console recorded, and from the server the seed, every
 * decision and the comparison with the bots-only run.
 */
export function historyJson(
  history: readonly RoundRecord[],
  joinCode: string,
  host: Pick<HostView, 'seed' | 'comparison' | 'decisions'> | null = null,
): string {
  return JSON.stringify(
    {
      kind: 'ecsim-classroom-session',
      version: 2,
      joinCode,
      exportedAt: new Date().toISOString(),
      seed: host?.seed ?? null,
      rounds: history,
      decisions: host?.decisions ?? [],
      comparison: host?.comparison ?? null,
    },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    2,
  );
}
