// The sandboxes a repair's test runs share: driver sessions (testDriver.ts) kept up between runs, and
// the folders of the runs: `builds` (sources and the compiler's files, private) and `runs` (programs
// and test inputs, which each sandbox sees read-only). A repair makes one and disposes of it at its
// end, so no sandbox outlives it or sees another repair's programs.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { SandboxLimits, sandboxPlan } from './sandbox';
import { DriverSession, testDriver } from './testDriver';

/**
 * The driver's own limits, set around it by the sandbox: each test's are set by the driver on its
 * program and must not exceed these (a process may only lower its limits).
 */
const DRIVER_CEILING: SandboxLimits = { cpuSeconds: 24 * 3600, memoryBytes: 16 * 2 ** 30, fileSizeBytes: 2 ** 30, processes: 4096 };

export class TestSandboxes {
  /** The driver all sessions run: built by the first compiler asked for (it runs any program). */
  private driver: Promise<string | undefined> | undefined;
  private readonly idle: DriverSession[] = [];
  private readonly all = new Set<DriverSession>();
  private root: Promise<string> | undefined;
  private disposed = false;

  /** The folders under which each run makes its own, created on first use. */
  async folders(): Promise<{ builds: string; runs: string }> {
    const root = await (this.root ??= fs.mkdtemp(path.join(os.tmpdir(), 'c-repair-run-')).then(async (dir) => {
      await fs.chmod(dir, 0o711);
      await fs.mkdir(path.join(dir, 'builds'), { mode: 0o700 });
      // Enterable by the sandbox user, but writable only by us.
      await fs.mkdir(path.join(dir, 'runs'));
      await fs.chmod(path.join(dir, 'runs'), 0o711);
      return dir;
    }));
    return { builds: path.join(root, 'builds'), runs: path.join(root, 'runs') };
  }

  /**
   * A session free for one run; undefined where there is no driver (no bubblewrap, a compiler that
   * cannot build it). Give it back with `release`.
   */
  async acquire(compiler: string): Promise<DriverSession | undefined> {
    const driver = await (this.driver ??= testDriver(compiler));
    if (!driver || this.disposed) return undefined;
    for (let session; (session = this.idle.pop()); ) {
      if (session.alive) return session;
      this.forget(session);
    }
    const plan = sandboxPlan(driver, DRIVER_CEILING, { readOnly: [(await this.folders()).runs] });
    if (!plan.contained) return undefined;
    const session = new DriverSession(plan);
    this.all.add(session);
    return session;
  }

  release(session: DriverSession): void {
    if (!session.alive || this.disposed) return this.forget(session);
    this.idle.push(session);
  }

  /** Ends every session and removes the folder. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const session of this.all) session.end();
    this.all.clear();
    this.idle.length = 0;
    if (this.root) await fs.rm(await this.root, { recursive: true, force: true });
  }

  private forget(session: DriverSession): void {
    session.end();
    this.all.delete(session);
  }
}
