// SPDX-License-Identifier: GPL-2.0-or-later
/* Catching bus errors and segmentation faults inside mapped windows. */
#include "config.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fault.h"

/*
 * initial-exec: no __tls_get_addr on libiomap's every access (the few
 * bytes come from the static TLS that glibc keeps for such libraries).
 */
#define FAULT_TLS _Thread_local __attribute__((tls_model("initial-exec")))

FAULT_TLS sigjmp_buf fault_jump;

static FAULT_TLS struct {
	const struct region *region;
	const volatile char *base;
	uint64_t off;
	size_t len;
	bool write;
	unsigned width;
	const char *file;
	unsigned line;
	/* Filled by the handler. */
	int signo;
	uint64_t fault_off;
} fault;

/* The handlers installed before ours (a sanitizer's, or SIG_DFL). */
static struct sigaction fault_old_bus, fault_old_segv;

/*
 * A fault outside the windows: the handler that was there before has it.
 * A function of the program's (or a sanitizer's) is called as the kernel
 * would have called it, and ours stays installed for the next fault in a
 * window (libiomap's caller may handle faults of its own and go on). The
 * default action or SIG_IGN is put back: a fault recurs when the
 * instruction is retried on return, a signal that was sent is sent again.
 */
static void fault_chain(int signo, siginfo_t *si, void *ctx)
{
	const struct sigaction *old = signo == SIGBUS ? &fault_old_bus
						      : &fault_old_segv;

	if (old->sa_flags & SA_SIGINFO) {
		old->sa_sigaction(signo, si, ctx);
		return;
	}
	if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
		old->sa_handler(signo);
		return;
	}
	sigaction(signo, old, NULL);
	if (si->si_code <= 0)
		raise(signo);
}

static void fault_handler(int signo, siginfo_t *si, void *ctx)
{
	const volatile char *addr = si->si_addr;

	if (fault.region && addr >= fault.base &&
	    addr < fault.base + fault.len) {
		fault.signo = signo;
		fault.fault_off = fault.off + (uint64_t)(addr - fault.base);
		siglongjmp(fault_jump, 1);
	}
	fault_chain(signo, si, ctx);
}

void fault_install(void)
{
	static bool installed;
	struct sigaction sa;

	/* The old handlers must not become ours (threads may race here). */
	if (__atomic_exchange_n(&installed, true, __ATOMIC_SEQ_CST))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &fault_old_bus);
	sigaction(SIGSEGV, &sa, &fault_old_segv);
}

void fault_window(const struct region *r, const volatile void *base,
		  uint64_t off, size_t len)
{
	fault.region = r;
	fault.base = base;
	fault.off = off;
	fault.len = len;
}

void fault_access(bool write, unsigned width)
{
	fault.write = write;
	fault.width = width;
}

void fault_where(const char *file, unsigned line)
{
	fault.file = file;
	fault.line = line;
}

void fault_describe(struct error *e)
{
	const struct region *r = fault.region;
	uint64_t off = fault.fault_off - fault.fault_off % fault.width;
	struct stat st;

	char where[PATH_MAX + 32] = "";

	if (fault.file)
		snprintf(where, sizeof(where), "%s:%u: ", fault.file,
			 fault.line);
	error_set(e, EXIT_FAIL, "%s%s during a %u-bit %s at 0x%" PRIx64
		  " in %s", where, fault.signo == SIGBUS ? "bus error (SIGBUS)"
						 : "segmentation fault (SIGSEGV)",
		  fault.width * 8, fault.write ? "write" : "read",
		  region_addr(r, off), r->name);
	if (stat(r->path, &st) == 0 && S_ISREG(st.st_mode) &&
	    r->file_offset + off >= (uint64_t)st.st_size)
		error_hint(e, "%s is only %jd bytes long; the access is past "
			   "its end", r->path, (intmax_t)st.st_size);
	else if (fault.signo == SIGBUS)
		error_hint(e, "nothing answered at that address: check that "
			   "the device decodes it and is out of reset");
	else
		error_hint(e, "the mapping refused the %s",
			   fault.write ? "write" : "read");
}
