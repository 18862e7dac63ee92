// The C source of the test driver (testDriver.ts builds it once per process). It runs one program on
// every test input inside ONE sandbox, so that a candidate's tests pay for one bubblewrap start
// instead of one each (about 50 ms per test on these machines).
//
// usage: driver WALL_MS OUTPUT_CAP PROGRAM INPUT_FILE...
// For each input, in order: clear /tmp, fork, run PROGRAM with that file as stdin and pipes as
// stdout and stderr (each capped at OUTPUT_CAP bytes), stop it at WALL_MS, then kill every process
// left in the sandbox's PID namespace, so that nothing from one test reaches the next. It writes,
// per test, one header line and then the bytes:
//   "<index> <exit|signal|none> <value> <ms> <timed out 0|1> <truncated 0|1> <stdout bytes> <stderr bytes>\n"
// The rlimits set around the driver (prlimit) are inherited by each run; CPU time counts per process.
// kill(-1) is used only where the driver is in bubblewrap's PID namespace (its parent, pid 1, is
// bwrap): outside one it would reach every process of the user.
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

static int in_namespace;

static void kill_all(pid_t child) {
  kill(-child, SIGKILL);
  if (in_namespace) kill(-1, SIGKILL); /* every process here but this one and the namespace's init */
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

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: driver WALL_MS OUTPUT_CAP PROGRAM INPUT...\n"); return 2; }
  long long wall = atoll(argv[1]);
  size_t cap = (size_t)atoll(argv[2]);
  const char *program = argv[3];
  in_namespace = own_pid_namespace();
  signal(SIGPIPE, SIG_IGN);
  struct capture out = { malloc(cap + 1), 0, 1 }, err = { malloc(cap + 1), 0, 1 };
  if (!out.data || !err.data) return 2;
  for (int t = 4; t < argc; t++) {
    nftw("/tmp", remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT); /* not into the read-only binds */
    int input = open(argv[t], O_RDONLY | O_CLOEXEC);
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
      dup2(input, 0); dup2(po[1], 1); dup2(pe[1], 2);
      char *args[] = { (char *)program, NULL };
      execv(program, args);
      _exit(127);
    }
    setpgid(child, child);
    close(input); close(po[1]); close(pe[1]);
    fcntl(po[0], F_SETFL, O_NONBLOCK); fcntl(pe[0], F_SETFL, O_NONBLOCK);
    out.size = err.size = 0; out.open = err.open = 1;
    int timed_out = 0, truncated = 0, status = 0, exited = 0;
    /* Until the program has exited and closed its output (as Node's 'close' waits), or the limits. */
    while (!exited || out.open || err.open) {
      long long left = started + wall - now_ms();
      if (left <= 0) { timed_out = 1; break; }
      if (!exited) {
        pid_t w = waitpid(child, &status, WNOHANG);
        if (w == child) exited = 1;
      }
      struct pollfd fds[2] = { { out.open ? po[0] : -1, POLLIN, 0 }, { err.open ? pe[0] : -1, POLLIN, 0 } };
      /* While the program runs, wake every few ms to see whether it exited with its output still held open. */
      int wait_ms = (out.open || err.open) ? (int)(left < 5 ? left : 5) : 1;
      if (poll(fds, 2, wait_ms) > 0) {
        if (out.open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) truncated |= drain(po[0], &out, cap);
        if (err.open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) truncated |= drain(pe[0], &err, cap);
        if (truncated) break;
      }
    }
    kill_all(child);
    if (!exited && waitpid(child, &status, 0) == child) exited = !timed_out && !truncated;
    long long ms = now_ms() - started;
    close(po[0]); close(pe[0]);
    const char *kind = "none";
    int value = 0;
    if (exited && WIFEXITED(status)) { kind = "exit"; value = WEXITSTATUS(status); }
    else if (exited && WIFSIGNALED(status)) { kind = "signal"; value = WTERMSIG(status); }
    char header[200];
    int n = snprintf(header, sizeof header, "%d %s %d %lld %d %d %zu %zu\n", t - 3, kind, value, ms, timed_out, truncated, out.size, err.size);
    write_all(header, (size_t)n);
    write_all(out.data, out.size);
    write_all(err.data, err.size);
  }
  return 0;
}
`;
