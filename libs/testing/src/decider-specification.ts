import { NewEvent } from '@mindhill/contracts';
import { Decider, DomainError } from '@mindhill/domain';

// given / when / then for a decider, in the shape of emmett's DeciderSpecification:
//   spec.given(state).when(command).then([newEvent(executionCancelled, {...})])
//   spec.given(state).when(command).thenThrows('EXECUTION.NOT_RUNNING')
// Pure: no database, no Kafka; imported from '@mindhill/testing/decider-specification' so a unit
// spec does not load the integration helpers.
export function deciderSpecification<State, Command>(decider: Decider<State, Command>) {
  return {
    given: (state: State) => ({
      when: (command: Command) => {
        const run = () => decider.decide(state, command);
        return {
          then: (expected: NewEvent[]) => expect(run()).toEqual(expected),
          thenNothing: () => expect(run()).toEqual([]),
          thenThrows: (code: string) => {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(DomainError);
            expect((thrown as DomainError).code).toBe(code);
          },
        };
      },
    }),
  };
}
