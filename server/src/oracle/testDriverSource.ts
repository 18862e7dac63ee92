// The C source of the test driver (testDriver.ts builds it once per process). It stays up inside ONE
// sandbox for a whole repair and runs a test per request, so that a test pays for a fork and an
// exec (a few ms) instead of a bubblewrap start each (about 30 ms on these machines).
//
// usage: driver, with requests on stdin, each three lines:
//   "<wall ms> <output cap> <cpu s> <memory bytes> <file bytes> <processes>\n" PROGRAM "\n" INPUT_FILE "\n"
// For each: clear /tmp, fork, set the rlimits, run PROGRAM with INPUT_FILE as stdin and pipes as
// stdout and stderr (each capped at the output cap), stop it at the wall time, then kill every
// process left in the sandbox's PID namespace, so that nothing from one test reaches the next. The
// answer is one header line and then the bytes:
//   "<exit|signal|none> <value> <ms> <timed out 0|1> <truncated 0|1> <stdout bytes> <stderr bytes>\n"
// It exits at the end of its input. /tmp is cleared and kill(-1) used only where the driver is in
// bubblewrap's PID namespace (its parent, pid 1, is bwrap): on a host they would reach the user's
// files and processes, so there it refuses to start. It is not dumpable, so that a program cannot
// trace it or reach its pipes through /proc to forge a later test's report.
export const TEST_DRIVER_SOURCE = String.raw`
#define _GNU_SOURCE
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* bubblewrap is the init of a PID namespace it made: its pid 1 is bwrap, never so on a host. */
static int own_pid_namespace(void) {
  FILE *f = fopen("/proc/1/comm", "r");
  char comm[64] = "";
  if (!f) return 0;
  if (!fgets(comm, sizeof comm, f)) comm[0] = 0;
  fclose(f);
  return strcmp(comm, "bwrap\n") == 0 && getppid() == 1;
}

static void kill_all(pid_t child) {
  kill(-child, SIGKILL);
  kill(-1, SIGKILL); /* every process here but this one and the namespace's init */
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st; (void)type;
  if (ftw->level > 0) remove(path);
  return 0;
}

static void write_all(const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(1, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) exit(3);
    p += w;
    n -= (size_t)w;
  }
}

struct capture { char *data; size_t size; int open; };

/* Reads what is there; returns 1 when the cap was passed. */
static int drain(int fd, struct capture *c, size_t cap) {
  char buf[65536];
  ssize_t r = read(fd, buf, sizeof buf);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
  if (r <= 0) { c->open = 0; return 0; }
  size_t room = cap - c->size;
  size_t take = (size_t)r < room ? (size_t)r : room;
  memcpy(c->data + c->size, buf, take);
  c->size += take;
  return (size_t)r > room;
}

/* Exits at the end of the input (or a malformed request): the session is over. */
static void read_line(char *buf, size_t size) {
  if (!fgets(buf, (int)size, stdin)) exit(0);
  size_t n = strlen(buf);
  if (n == 0 || buf[n - 1] != '\n') exit(2);
  buf[n - 1] = 0;
}

static void limit(int resource, rlim_t soft, rlim_t hard) {
  struct rlimit r = { soft, hard };
  if (setrlimit(resource, &r)) _exit(126);
}

int main(void) {
  if (!own_pid_namespace()) { fprintf(stderr, "driver: not in a bubblewrap sandbox\n"); return 2; }
  prctl(PR_SET_DUMPABLE, 0);
  signal(SIGPIPE, SIG_IGN);
  char line[256], program[4096], input_file[4096];
  long long wall, cap_ll, cpu, memory, file_bytes, processes;
  struct capture out = { NULL, 0, 1 }, err = { NULL, 0, 1 };
  size_t allocated = 0;
  for (;;) {
    read_line(line, sizeof line);
    read_line(program, sizeof program);
    read_line(input_file, sizeof input_file);
    if (sscanf(line, "%lld %lld %lld %lld %lld %lld", &wall, &cap_ll, &cpu, &memory, &file_bytes, &processes) != 6 || cap_ll < 0) return 2;
    size_t cap = (size_t)cap_ll;
    if (cap + 1 > allocated) {
      out.data = realloc(out.data, cap + 1);
      err.data = realloc(err.data, cap + 1);
      if (!out.data || !err.data) return 2;
      allocated = cap + 1;
    }
    nftw("/tmp", remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT); /* not into the read-only binds */
    int input = open(input_file, O_RDONLY | O_CLOEXEC);
    int po[2], pe[2];
    if (input < 0 || pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC)) return 2;
    long long started = now_ms();
    pid_t child = fork();
    /* The last test's processes may still be dying under the process limit: wait up to a second. */
    for (int tries = 0; child < 0 && errno == EAGAIN && tries < 200; tries++) { usleep(5000); child = fork(); }
    if (child < 0) return 2;
    if (child == 0) {
      setpgid(0, 0);
      signal(SIGPIPE, SIG_DFL);
      /* SIGXCPU first, SIGKILL a second later (read as a timeout). */
      limit(RLIMIT_CPU, (rlim_t)cpu, (rlim_t)cpu + 1);
      limit(RLIMIT_AS, (rlim_t)memory, (rlim_t)memory);
      limit(RLIMIT_FSIZE, (rlim_t)file_bytes, (rlim_t)file_bytes);
      limit(RLIMIT_NPROC, (rlim_t)processes, (rlim_t)processes);
      limit(RLIMIT_CORE, 0, 0);
      dup2(input, 0); dup2(po[1], 1); dup2(pe[1], 2);
      char *args[] = { program, NULL };
      execv(program, args);
      _exit(127);
    }
    setpgid(child, child);
    /* Woken the moment the program exits, where the kernel has pidfds; else every few ms. */
    #ifdef SYS_pidfd_open
    int exit_fd = (int)syscall(SYS_pidfd_open, child, 0);
#else
    int exit_fd = -1;
#endif
    close(input); close(po[1]); close(pe[1]);
    fcntl(po[0], F_SETFL, O_NONBLOCK); fcntl(pe[0], F_SETFL, O_NONBLOCK);
    out.size = err.size = 0; out.open = err.open = 1;
    int timed_out = 0, truncated = 0, status = 0, exited = 0;
    /* Until the program has exited and closed its output (as Node's 'close' waits), or the limits. */
    while (!exited || out.open || err.open) {
      long long left = started + wall - now_ms();
      if (left <= 0) { timed_out = 1; break; }
      if (!exited && waitpid(child, &status, WNOHANG) == child) exited = 1;
      if (exited && !out.open && !err.open) break;
      struct pollfd fds[3] = {
        { out.open ? po[0] : -1, POLLIN, 0 }, { err.open ? pe[0] : -1, POLLIN, 0 }, { exited ? -1 : exit_fd, POLLIN, 0 },
      };
      int wait_ms = exit_fd >= 0 ? (int)left : (int)(left < 5 ? left : 5);
      if (poll(fds, 3, wait_ms) > 0) {
        if (out.open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) truncated |= drain(po[0], &out, cap);
        if (err.open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) truncated |= drain(pe[0], &err, cap);
        if (truncated) break;
      }
    }
    kill_all(child);
    if (!exited && waitpid(child, &status, 0) == child) exited = !timed_out && !truncated;
    long long ms = now_ms() - started;
    if (exit_fd >= 0) close(exit_fd);
    close(po[0]); close(pe[0]);
    const char *kind = "none";
    int value = 0;
    if (exited && WIFEXITED(status)) { kind = "exit"; value = WEXITSTATUS(status); }
    else if (exited && WIFSIGNALED(status)) { kind = "signal"; value = WTERMSIG(status); }
    char header[200];
    int n = snprintf(header, sizeof header, "%s %d %lld %d %d %zu %zu\n", kind, value, ms, timed_out, truncated, out.size, err.size);
    write_all(header, (size_t)n);
    write_all(out.data, out.size);
    write_all(err.data, err.size);
  }
}
`;
