// How a student program is contained when it runs: the strongest of these that this machine allows.
//   - a new network namespace (no network) and PID namespace (everything it forks dies with it),
//     through util-linux `unshare` (as root, or as a user where unprivileged user namespaces work);
//   - when c-repair itself runs as root: the program runs as user `nobody` (setpriv), so it can
//     write nothing of ours and its process limit applies;
//   - rlimits through `prlimit`: CPU seconds, address space, file size, process count, no core files;
//   - always (process.ts): its own process group killed whole, a wall-clock timeout, an output cap.
import { spawnSync } from 'node:child_process';

export interface SandboxLimits {
  cpuSeconds: number;
  memoryBytes: number;
  fileSizeBytes: number;
  processes: number;
}

export interface SandboxPlan {
  command: string;
  args: string[];
  /** What is enforced on this machine, in words (for logs and the README's security section). */
  enforced: string[];
}

const NOBODY = 65534;

function works(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

interface Capabilities {
  namespaces: string[] | undefined;
  dropToNobody: boolean;
  prlimit: boolean;
}

let probed: Capabilities | undefined;

/** Probes once which mechanisms work here (each probe runs `true` under the mechanism). */
export function sandboxCapabilities(): Capabilities {
  if (probed) return probed;
  const root = process.getuid?.() === 0;
  const nsArgs = root ? ['-n', '-p', '--fork', '--kill-child'] : ['-r', '-n', '-p', '--fork', '--kill-child'];
  probed = {
    namespaces: works('unshare', [...nsArgs, '--', 'true']) ? nsArgs : undefined,
    dropToNobody: root && works('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--', 'true']),
    prlimit: works('prlimit', ['--cpu=1', '--', 'true']),
  };
  return probed;
}

/** The command line that runs `executable` contained by everything available. */
export function sandboxPlan(executable: string, limits: SandboxLimits): SandboxPlan {
  const caps = sandboxCapabilities();
  const argv: string[] = [];
  const enforced: string[] = ['own process group, killed whole', 'wall-clock timeout', 'output cap'];
  if (caps.namespaces) {
    argv.push('unshare', ...caps.namespaces, '--');
    enforced.push('no network (network namespace)', 'PID namespace (forked processes die with it)');
  }
  if (caps.dropToNobody) {
    argv.push('setpriv', '--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--');
    enforced.push('runs as user nobody');
  }
  if (caps.prlimit) {
    argv.push(
      'prlimit',
      `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, // SIGXCPU first, SIGKILL a second later
      `--as=${limits.memoryBytes}`,
      `--fsize=${limits.fileSizeBytes}`,
      `--nproc=${limits.processes}`,
      '--core=0',
      '--',
    );
    enforced.push(`rlimits: ${limits.cpuSeconds} s CPU, ${Math.round(limits.memoryBytes / 2 ** 20)} MiB memory, ` +
      `${Math.round(limits.fileSizeBytes / 1024)} KiB files, ${limits.processes} processes`);
  }
  // A small shell reports the program's own exit status on stderr: unshare cannot pass on a death
  // by signal (util-linux 2.38 exits 1 instead), and a CPU-limit kill must read as a timeout.
  argv.push('sh', '-c', `"$0"; echo "${STATUS_MARKER}$?" >&2`, executable);
  return { command: argv[0], args: argv.slice(1), enforced };
}

const STATUS_MARKER = '__c_repair_exit_status=';

/** The program's exit status as the sandbox reported it: a code, or the signal that killed it. */
export function reportedStatus(stderr: string): { exitCode: number | null; signal: number | null } {
  const at = stderr.lastIndexOf(STATUS_MARKER);
  if (at < 0) return { exitCode: null, signal: null };
  const status = Number.parseInt(stderr.slice(at + STATUS_MARKER.length), 10);
  if (!Number.isFinite(status)) return { exitCode: null, signal: null };
  return status > 128 ? { exitCode: null, signal: status - 128 } : { exitCode: status, signal: null };
}
