// How a student program is contained when it runs: the strongest of these that this machine allows.
//   - bubblewrap (`bwrap`): a file system of its own holding only the C libraries, prlimit and the
//     program itself (read-only) and an empty, small /tmp; no shell nor any other program; new
//     network, PID, IPC, UTS, cgroup and user namespaces; no capabilities;
//   - without bubblewrap: a new network and PID namespace through util-linux `unshare` (as root, or
//     as a user where unprivileged user namespaces work), and no file-system containment;
//   - when c-repair itself runs as root: the program runs as user `nobody` (setpriv), so it can
//     write nothing of ours and its process limit applies;
//   - rlimits through `prlimit`, inside the namespaces: CPU seconds, address space, file size,
//     process count, no core files;
//   - always (process.ts): its own process group killed whole, a wall-clock timeout, an output cap.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SandboxLimits {
  cpuSeconds: number;
  memoryBytes: number;
  fileSizeBytes: number;
  processes: number;
}

export interface SandboxPlan {
  command: string;
  args: string[];
  /** bubblewrap contains the run: its own file system and PID namespace (the test driver needs both). */
  contained: boolean;
  /** The program's own exit status, read from how the sandbox ended. */
  statusOf(run: { exitCode: number | null; stderr: string }): ProgramStatus;
  /** What is enforced on this machine, in words (for logs and the README's security section). */
  enforced: string[];
}

const NOBODY = 65534;
const SETPRIV = ['setpriv', '--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--'];
/** The size of the sandbox's /tmp, its only writable place (memory, freed when the run ends). */
const TMP_BYTES = 16 * 2 ** 20;
// glibc's dynamic loader, at the path each architecture's ABI fixes: every dynamically linked C
// program starts with it, and libc and libm lie in the folder it resolves into.
const LOADERS: Partial<Record<string, string>> = {
  x64: '/lib64/ld-linux-x86-64.so.2',
  arm64: '/lib/ld-linux-aarch64.so.1',
};

function works(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

interface Capabilities {
  namespaces: string[] | undefined;
  dropToNobody: boolean;
  /** prlimit's path, when it works. */
  prlimit: string | undefined;
  /** bubblewrap's arguments that mount the C libraries, when bubblewrap works here. */
  libraryMounts: string[] | undefined;
}

let probed: Capabilities | undefined;

/** Probes once which mechanisms work here (each probe runs `true` under the mechanism). */
export function sandboxCapabilities(): Capabilities {
  if (probed) return probed;
  const root = process.getuid?.() === 0;
  const nsArgs = root ? ['-n', '-p', '--fork', '--kill-child'] : ['-r', '-n', '-p', '--fork', '--kill-child'];
  const dropToNobody = root && works('setpriv', [...SETPRIV.slice(1), 'true']);
  const prlimit = onPath('prlimit');
  const loader = LOADERS[process.arch];
  const mounts = loader === undefined ? undefined : libraryMounts(loader);
  // Probed exactly as a program will run (as nobody where we are root), with /bin/true as the program.
  const bwrap = dropToNobody ? [...SETPRIV, 'bwrap'] : ['bwrap'];
  probed = {
    namespaces: works('unshare', [...nsArgs, '--', 'true']) ? nsArgs : undefined,
    dropToNobody,
    prlimit: prlimit && works(prlimit, ['--cpu=1', '--', 'true']) ? prlimit : undefined,
    libraryMounts: mounts && works(bwrap[0], [...bwrap.slice(1), ...bwrapArgs(mounts, ['/bin/true']), '/bin/true']) ? mounts : undefined,
  };
  return probed;
}

/** Where `command` lies on our PATH: bubblewrap must bind it at a known path. */
function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * bubblewrap's arguments that make `loader` reachable at its own path: each symlink on the way is
 * recreated (Debian's merged /usr: /lib64 -> usr/lib64 -> /lib/x86_64-linux-gnu, /lib -> usr/lib),
 * and only the folder it finally resolves into is bound, read-only. Undefined when it is missing.
 */
function libraryMounts(loader: string): string[] | undefined {
  const args: string[] = [];
  let target = loader;
  try {
    for (let hops = 0; hops < 16; hops++) {
      const link = firstSymlink(target);
      if (link === undefined) {
        const folder = path.dirname(target);
        return [...args, '--ro-bind', folder, folder];
      }
      const to = fs.readlinkSync(link);
      args.push('--symlink', to, link);
      target = path.join(path.resolve(path.dirname(link), to), path.relative(link, target));
    }
    return undefined; // a symlink loop
  } catch {
    return undefined; // no such loader here
  }
}

/** The first component of `file` that is a symlink (lstat throws when one is missing). */
function firstSymlink(file: string): string | undefined {
  let prefix = '';
  for (const part of file.split('/').filter(Boolean)) {
    prefix += `/${part}`;
    if (fs.lstatSync(prefix).isSymbolicLink()) return prefix;
  }
  return undefined;
}

/** bubblewrap's arguments for a file system of its own holding only the libraries and `paths` (programs and their read-only data). */
function bwrapArgs(libraryMounts: string[], paths: string[]): string[] {
  return [
    '--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL',
    ...libraryMounts,
    '--dev', '/dev',
    '--proc', '/proc',
    '--size', String(TMP_BYTES), '--tmpfs', '/tmp',
    // At their own paths (the program's names its run in the process list); after /tmp, which would hide them.
    ...paths.flatMap((p) => ['--ro-bind', p, p]),
    // bubblewrap's root and /dev are writable tmpfs without a size limit: only /tmp stays writable.
    '--remount-ro', '/dev',
    '--remount-ro', '/',
    '--chdir', '/tmp',
  ];
}

/** What else a run needs: arguments after the executable, and paths it may read (bubblewrap binds them read-only). */
export interface SandboxExtras {
  args?: string[];
  readOnly?: string[];
}

/** The command line that runs `executable` contained by everything available. */
export function sandboxPlan(executable: string, limits: SandboxLimits, extras: SandboxExtras = {}): SandboxPlan {
  const args = extras.args ?? [];
  const caps = sandboxCapabilities();
  const enforced: string[] = ['own process group, killed whole', 'wall-clock timeout', 'output cap'];
  const namespaces: string[] = [];
  if (caps.libraryMounts) {
    enforced.push(
      `file system: contained (bubblewrap): only the C libraries${caps.prlimit ? ', prlimit' : ''} and the program, ` +
        `read-only, and an empty ${TMP_BYTES / 2 ** 20} MiB /tmp; no shell nor any other program`,
      'no network, own PID, IPC, UTS and cgroup namespaces (bubblewrap; forked processes die with it)',
    );
  } else {
    enforced.push('file system: NOT contained (bubblewrap unavailable)');
    if (caps.namespaces) {
      namespaces.push('unshare', ...caps.namespaces, '--');
      enforced.push('no network (network namespace)', 'PID namespace (forked processes die with it)');
    }
  }
  const nobody = caps.dropToNobody ? SETPRIV : [];
  if (caps.dropToNobody) enforced.push('runs as user nobody');
  const rlimits: string[] = [];
  if (caps.prlimit) {
    rlimits.push(
      caps.prlimit,
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
  // prlimit runs inside the namespaces, as with unshare: a user namespace made under a process limit
  // counts all the user's processes against it (hundreds in a desktop session), and bwrap fails.
  if (caps.libraryMounts) {
    // bwrap exits with the program's status (128+n for signal n), so that a CPU-limit kill reads as a timeout.
    const bound = [...(caps.prlimit ? [caps.prlimit] : []), executable, ...(extras.readOnly ?? [])];
    const full = [...nobody, 'bwrap', ...bwrapArgs(caps.libraryMounts, bound), ...rlimits, executable, ...args];
    return { command: full[0], args: full.slice(1), enforced, contained: true, statusOf: (run) => statusFromCode(run.exitCode) };
  }
  // Under unshare a small shell inside reports the program's status on stderr: util-linux 2.38 exits
  // 1 for a death by signal.
  const reporter = ['sh', '-c', `"$@"; echo "${STATUS_MARKER}$?" >&2`, 'sh'];
  const full = [...namespaces, ...nobody, ...rlimits, ...reporter, executable, ...args];
  return { command: full[0], args: full.slice(1), enforced, contained: false, statusOf: (run) => reportedStatus(run.stderr) };
}

const STATUS_MARKER = '__c_repair_exit_status=';

/** A program's exit status: a code, or the signal that killed it (null and null when unknown). */
export interface ProgramStatus {
  exitCode: number | null;
  signal: number | null;
}

/** The status a shell's `$?` gives (128+n for signal n). */
function statusFromCode(status: number | null): ProgramStatus {
  if (status === null || !Number.isFinite(status)) return { exitCode: null, signal: null };
  return status > 128 ? { exitCode: null, signal: status - 128 } : { exitCode: status, signal: null };
}

/** The status the reporting shell wrote last on stderr. */
function reportedStatus(stderr: string): ProgramStatus {
  const at = stderr.lastIndexOf(STATUS_MARKER);
  return at < 0 ? statusFromCode(null) : statusFromCode(Number.parseInt(stderr.slice(at + STATUS_MARKER.length), 10));
}
