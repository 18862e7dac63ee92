// Ctrl-C, or the SIGTERM a batch Job gets when it is stopped: the repairs in flight are aborted, so
// that their student programs are killed and their temporary folders removed before the process
// exits. A second signal exits at once.
const controller = new AbortController();

/** Aborted at the first SIGINT or SIGTERM, once `exitCleanlyOnSignals` has been called. */
export const interrupted: AbortSignal = controller.signal;

/** The exit status for a run cut by a signal (128 + its number, as shells report it). */
export let interruptStatus = 0;

export function exitCleanlyOnSignals(): void {
  for (const [name, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
    process.once(name, () => {
      interruptStatus = 128 + number;
      controller.abort();
      process.once(name, () => process.exit(128 + number));
    });
  }
}
