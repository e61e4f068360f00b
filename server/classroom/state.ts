/**
 * The public state Colyseus syncs to every client (schema 3): the shape of `PublicView` in
 * src/classroom/protocol.ts. Nothing private goes here: private views are targeted messages.
 */
import { schema, type SchemaType } from '@colyseus/schema';

export const StudentState = schema(
  {
    id: 'string',
    name: 'string',
    role: 'string',
    seat: 'uint32',
    connected: 'boolean',
    covered: 'boolean',
    pending: 'uint8',
  },
  'StudentState',
);
export type StudentState = SchemaType<typeof StudentState>;

export const StandingState = schema(
  {
    student: 'string',
    role: 'string',
    name: 'string',
    bot: 'boolean',
    score: 'float64',
    rank: 'uint16',
  },
  'StandingState',
);
export type StandingState = SchemaType<typeof StandingState>;

export const ClassroomState = schema(
  {
    phase: { type: 'string', default: 'lobby' },
    round: 'uint16',
    rounds: 'uint16',
    daysPerRound: 'uint16',
    countdown: 'uint16',
    countdownSeconds: 'uint16',
    scenario: 'string',
    model: 'string',
    roles: ['string'],
    hostConnected: 'boolean',
    students: { map: StudentState },
    standings: [StandingState],
    metrics: { map: 'float64' },
    events: ['string'],
  },
  'ClassroomState',
);
export type ClassroomState = SchemaType<typeof ClassroomState>;
