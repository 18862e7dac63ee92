// What the client does when the server fails. A killed server makes every message still on its
// way fail to write; the library's default shuts the server down after three such errors, and a
// server shut down is never restarted. Here a write error only waits for the close, and a closed
// server is restarted, unless it closed 5 times within 3 minutes (then it says so and stays off).
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';

const MAX_RESTARTS = 5;
const WINDOW_MS = 3 * 60 * 1000;

export function restartingErrorHandler(): ErrorHandler {
  const closes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      closes.push(now);
      while (closes.length > 0 && now - closes[0] > WINDOW_MS) closes.shift();
      if (closes.length > MAX_RESTARTS) {
        return { action: CloseAction.DoNotRestart, message: `The c-repair server stopped ${closes.length} times in 3 minutes and will not be restarted. Reload the window to try again.` };
      }
      return { action: CloseAction.Restart };
    },
  };
}
