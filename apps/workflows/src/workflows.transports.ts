// The service's two consumer groups; each Kafka transport serves only the handlers bound to its id.
// The workers' stage outcomes, a batch at a time (the hot path of every run).
export const STAGE_OUTCOMES_TRANSPORT = Symbol('workflows.stage-outcomes');
// Other services' directory facts the access rules read: users' roles, data sources' owners.
export const DIRECTORY_TRANSPORT = Symbol('workflows.directory');
