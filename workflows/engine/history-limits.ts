/**
 * When a run of an application's workflow hands over to a fresh one (continue-as-new): at its first
 * quiescent moment once its history holds CONTINUE_AS_NEW_AFTER_EVENTS events or
 * CONTINUE_AS_NEW_AFTER_BYTES bytes, or once the server suggests it (docs/engine.md, "The bound").
 *
 * The events bound is set by replay, not by Temporal's limits (51,200 events, 50 MB). A worker that no
 * longer holds an application in its cache (most of them, hours or days after its last task) replays the
 * run's whole history before it can act on a fired timer or a decision: about 2 ms of CPU per event on
 * the 2-core machine of docs/perf/history-size.md, so an undecided step escalating for a year (about 400
 * events) cost 0.8 s of the worker per rung and made the officer who finally decided wait as long. A run
 * of at most 200 events (plus one quiescent stretch) replays in under half a second there. An application
 * decided in the ordinary way (27-35 events, about 70 with a revision round) never reaches it.
 */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 200;
/** A guard for runs whose events are few but large (each projection carries the whole view, which grows with the timeline). */
export const CONTINUE_AS_NEW_AFTER_BYTES = 4 * 1024 * 1024;
