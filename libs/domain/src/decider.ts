import { NewEvent } from '@mindhill/contracts';

// A decider holds one aggregate's rules as plain functions (emmett's decider pattern):
// `decide` turns the current state and a command into the events to append, or throws a
// DomainError; it reads no clock, database or network, so every rule is specified
// given (state) / when (command) / then (events or error code). Application handlers load the
// state (from the projection row, or by folding events with `evolve`), call `decide`, append.
export type Decider<State, Command> = {
  decide: (state: State, command: Command) => NewEvent[];
  evolve?: (state: State, event: NewEvent) => State;
};
