// SPDX-License-Identifier: GPL-2.0-or-later
/* Mapping only the pages a command touches; pread/pwrite for I/O BARs. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access.h"
#include "caller.h"
#include "diagnose.h"
#include "fault.h"
#include "mapping.h"

/* The most one window maps at a time. */
#define WINDOW_MAX ((uint64_t)64 << 20)

static int lock_error(struct mapping *m, struct error *e)
{
	return error_set(e, EXIT_FAIL, "cannot lock %s: %s", m->r->path,
			 strerror(errno));
}

int mapping_open(struct mapping *m, const struct region *r, unsigned mflags,
		 struct error *e)
{
	bool write = mflags & MAPPING_WRITE;
	int flags = (write ? O_RDWR : O_RDONLY) | O_CLOEXEC;
	struct region_opened o = {
		.file_offset = r->file_offset,
		.pread = r->kind == REGION_IO,
	};
	struct stat st;

	memset(m, 0, sizeof(*m));
	m->r = r;
	m->flags = mflags;
	m->writable = write;
	m->page = (size_t)sysconf(_SC_PAGESIZE);
	m->limit = 0;		/* until mapping_span: just the words asked for */
	m->base = o.file_offset;
	m->pread = o.pread;
	if (r->flags & REGION_DEVMEM)
		flags |= O_SYNC;	/* uncached */
	if (mflags & MAPPING_DRY_RUN) {
		m->fd = -1;
		return 0;
	}
	if (r->backend && r->backend->open) {
		/* The backend opens (VFIO's device file) and explains. */
		m->fd = r->backend->open(r, flags, &o, e);
		if (m->fd < 0)
			return -1;
		m->backend_open = true;
		m->base = o.file_offset;
		m->pread = o.pread;
	} else if (r->flags & REGION_CALLER) {
		m->fd = caller_open(r->path, flags, 0);
	} else {
		m->fd = open(r->path, flags);
	}
	if (m->fd < 0) {
		int err = errno;

		error_set(e, EXIT_FAIL, "cannot open %s for %s (%s): %s",
			  r->path, write ? "writing" : "reading", r->name,
			  strerror(err));
		diagnose_refusal(r, 0, err, false, e);
		e->errnum = err;
		return -1;
	}
	m->populate = fstat(m->fd, &st) == 0 && S_ISREG(st.st_mode);
	if ((mflags & MAPPING_LOCK_HOLD) && flock(m->fd, LOCK_EX)) {
		lock_error(m, e);
		mapping_close(m);
		return -1;
	}
	return 0;
}

int mapping_lock(struct mapping *m, struct error *e)
{
	if ((m->flags & MAPPING_LOCK_RMW) && m->fd >= 0 &&
	    flock(m->fd, LOCK_EX))
		return lock_error(m, e);
	return 0;
}

void mapping_unlock(struct mapping *m)
{
	if ((m->flags & MAPPING_LOCK_RMW) && m->fd >= 0)
		flock(m->fd, LOCK_UN);
}

void mapping_close(struct mapping *m)
{
	if (m->win)
		munmap((void *)m->win, m->win_len);
	if (m->fd >= 0)
		close(m->fd);
	if (m->backend_open && m->r->backend->close)
		m->r->backend->close(m->r);
	m->backend_open = false;
	m->win = NULL;
	m->fd = -1;
	fault_window(NULL, NULL, 0, 0);
}

void mapping_span(struct mapping *m, uint64_t off, uint64_t len)
{
	m->limit = len > m->r->size - off ? m->r->size : off + len;
}

/* A pointer to region offset OFF, valid for LEN bytes. */
static volatile uint8_t *mapping_at(struct mapping *m, uint64_t off,
				    uint64_t len, struct error *e)
{
	const struct region *r = m->r;
	uint64_t pos = m->base + off, start, end, want, last = 0;
	int prot = PROT_READ | (m->writable ? PROT_WRITE : 0), flags;
	void *p;

	if (m->win && pos >= m->win_pos && pos + len <= m->win_pos + m->win_len)
		return m->win + (pos - m->win_pos);
	if (m->win) {
		munmap((void *)m->win, m->win_len);
		last = m->win_len;
		m->win = NULL;
	}
	/* Map ahead up to the command's span, page-aligned at both ends. */
	want = m->limit > off ? m->limit - off : len;
	if (want > WINDOW_MAX)
		want = WINDOW_MAX;
	if (want < len)
		want = len;
	start = pos - pos % m->page;
	end = pos + want;
	if (r->flags & REGION_WHOLE) {
		/*
		 * The file offset picks the map (UIO): every window starts
		 * at the map's first page and runs to the touched pages, no
		 * further. A window that must grow at least doubles, so a
		 * scan of the map maps each page a bounded number of times.
		 */
		start = r->file_offset - r->file_offset % m->page;
		if (end - start < 2 * last)
			end = start + 2 * last;
		if (end > r->file_offset + r->size)
			end = r->file_offset + r->size;
	}
	end += (m->page - end % m->page) % m->page;
	/*
	 * Prefault read-only windows onto regular files; a writable shared
	 * mapping would take a second fault per page on the first store. A
	 * UIO window holds pages before the touched ones: not those.
	 */
	flags = MAP_SHARED | (m->populate && !m->writable &&
			      !(r->flags & REGION_WHOLE) ? MAP_POPULATE : 0);
	p = mmap(NULL, end - start, prot, flags, m->fd, (off_t)start);
	if (p == MAP_FAILED) {
		int err = errno;

		error_set(e, EXIT_FAIL, "cannot map %s at 0x%" PRIx64
			  " (%s%s): %s", r->path, start, r->name,
			  m->writable ? "" : ", read-only", strerror(err));
		diagnose_refusal(r, off, err, true, e);
		e->errnum = err;
		return NULL;
	}
	m->win = p;
	m->win_pos = start;
	m->win_len = end - start;
	m->win_gen++;
	fault_window(r, m->win, start - m->base, m->win_len);
	return m->win + (pos - start);
}

/* A pread/pwrite failed (N < 0) or fell short: say so, and why. */
static int io_error(struct mapping *m, const char *what, uint64_t off,
		    unsigned width, ssize_t n, struct error *e)
{
	int err = errno;

	error_set(e, EXIT_FAIL, "%u-bit %s at 0x%" PRIx64 " of %s failed: %s",
		  width * 8, what, off, m->r->name,
		  n < 0 ? strerror(err) : "short transfer");
	if (n < 0) {
		diagnose_refusal(m->r, off, err, false, e);
		e->errnum = err;
	} else if (m->r->flags & REGION_CONFIG) {
		m->r->backend->why_refused(m->r, off, 0, false, e);
	}
	return -1;
}

void mapping_set_trace(struct mapping *m,
		       void (*fn)(const char *line, void *arg), void *arg)
{
	m->trace_fn = fn;
	m->trace_arg = arg;
}

/*
 * The end of a --trace line LINE (of LEN bytes, in a buffer of SIZE):
 * "  NAME" of the register there, if the caller knows one; then the line
 * goes to the callback.
 */
static void trace_end(const struct mapping *m, char *line, size_t len,
		      size_t size, uint64_t off, unsigned width)
{
	const char *name = m->trace_name
			   ? m->trace_name(m->trace_name_arg, off, width)
			   : NULL;

	if (name && len < size)
		snprintf(line + len, size - len, "  %s", name);
	m->trace_fn(line, m->trace_arg);
}

/* One --trace line: "R32 0xfea00000 -> 0x010000ed  edu.id". */
static void trace(const struct mapping *m, bool write, uint64_t off,
		  unsigned width, uint64_t v)
{
	char line[1024 + 64];
	int len;

	if (!m->trace_fn)
		return;
	if (m->flags & MAPPING_DRY_RUN && !write)
		len = snprintf(line, sizeof(line), "R%u 0x%08" PRIx64
			       " -> ?", width * 8, region_addr(m->r, off));
	else
		len = snprintf(line, sizeof(line), "%c%u 0x%08" PRIx64 " %s "
			       "0x%0*" PRIx64, write ? 'W' : 'R', width * 8,
			       region_addr(m->r, off), write ? "<-" : "->",
			       (int)width * 2, v);
	trace_end(m, line, (size_t)len, sizeof(line), off, width);
}

static int read_word(struct mapping *m, uint64_t off, unsigned width,
		     uint64_t *v, struct error *e);

int mapping_read(struct mapping *m, uint64_t off, unsigned width,
		 uint64_t *v, struct error *e)
{
	if (m->flags & MAPPING_DRY_RUN) {
		*v = 0;
		trace(m, false, off, width, 0);
		return 0;
	}
	if (read_word(m, off, width, v, e))
		return -1;
	if (m->flags & MAPPING_TRACE)
		trace(m, false, off, width, *v);
	return 0;
}

static int write_word(struct mapping *m, uint64_t off, unsigned width,
		      uint64_t v, struct error *e);

int mapping_write(struct mapping *m, uint64_t off, unsigned width,
		  uint64_t v, struct error *e)
{
	if (m->flags & (MAPPING_TRACE | MAPPING_DRY_RUN))
		trace(m, true, off, width, v);
	if (m->flags & MAPPING_DRY_RUN)
		return 0;
	return write_word(m, off, width, v, e);
}

int mapping_rmw(struct mapping *m, uint64_t off, unsigned width, uint64_t v,
		uint64_t mask, uint64_t *written, struct error *e)
{
	uint64_t old;
	int rc;

	if (m->flags & MAPPING_DRY_RUN) {
		char line[1024 + 96];
		int len;

		len = snprintf(line, sizeof(line), "W%u 0x%08" PRIx64 " <- "
			       "0x%0*" PRIx64 " mask 0x%0*" PRIx64, width * 8,
			       region_addr(m->r, off), (int)width * 2,
			       v & mask, (int)width * 2, mask);
		if (m->trace_fn)
			trace_end(m, line, (size_t)len, sizeof(line), off,
				  width);
		*written = v & mask;
		return 0;
	}
	if (mapping_lock(m, e))
		return -1;
	rc = mapping_read(m, off, width, &old, e);
	if (rc == 0) {
		*written = (old & ~mask) | (v & mask);
		rc = mapping_write(m, off, width, *written, e);
	}
	if (rc == 0 && (m->flags & MAPPING_LOCK_RMW))
		mapping_fence(m);	/* the store lands before the unlock */
	mapping_unlock(m);
	return rc;
}

static int read_word(struct mapping *m, uint64_t off, unsigned width,
		     uint64_t *v, struct error *e)
{
	volatile uint8_t *p;

	if (m->pread) {
		uint64_t val = 0;
		ssize_t n;

		if (region_check_width(m->r, width, true, e))
			return -1;
		n = pread(m->fd, &val, width, (off_t)(m->base + off));

		if (n != (ssize_t)width)
			return io_error(m, "read", off, width, n, e);
		*v = val;	/* little-endian: the low bytes hold it */
		return 0;
	}
	p = mapping_at(m, off, width, e);
	if (!p)
		return -1;
	fault_access(false, width);
	*v = access_read(p, width);
	return 0;
}

static int write_word(struct mapping *m, uint64_t off, unsigned width,
		      uint64_t v, struct error *e)
{
	volatile uint8_t *p;

	if (m->pread) {
		ssize_t n;

		if (region_check_width(m->r, width, true, e))
			return -1;
		n = pwrite(m->fd, &v, width, (off_t)(m->base + off));

		if (n != (ssize_t)width)
			return io_error(m, "write", off, width, n, e);
		return 0;
	}
	p = mapping_at(m, off, width, e);
	if (!p)
		return -1;
	fault_access(true, width);
	access_write(p, width, v);
	return 0;
}

/*
 * A bulk store from OFF covers the rest of the command's span: on a regular
 * file, make that part of the window writable in one call rather than one
 * write fault per page (much of a load's or fill's time otherwise). On
 * failure (an older kernel, a hole past the file's end) the stores fault
 * as usual.
 */
static void prefault_write(struct mapping *m, uint64_t off)
{
#ifdef MADV_POPULATE_WRITE
	uint64_t pos = m->base + off, end;

	if (!m->populate || (m->pf_gen == m->win_gen && off < m->pf_end))
		return;
	pos -= pos % m->page;
	end = m->base + m->limit;
	if (end > m->win_pos + m->win_len)
		end = m->win_pos + m->win_len;
	if (end > pos)
		madvise((void *)(m->win + (pos - m->win_pos)), end - pos,
			MADV_POPULATE_WRITE);
	m->pf_gen = m->win_gen;
	m->pf_end = end - m->base;
#else
	(void)m;
	(void)off;
#endif
}

/* The hot loops: one exact-width load or store per word, ascending. */
#define READ_LOOP(type, fn)						\
	do {								\
		type *dst = (type *)(void *)buf;			\
		for (size_t i = 0; i < n; i++)				\
			dst[i] = fn(p + i * sizeof(type));		\
	} while (0)

#define WRITE_LOOP(type, fn)						\
	do {								\
		const type *src = (const type *)(const void *)buf;	\
		for (size_t i = 0; i < n; i++)				\
			fn(p + i * sizeof(type), src[i]);		\
	} while (0)

#define FILL_LOOP(type, fn)						\
	do {								\
		for (size_t i = 0; i < n; i++)				\
			fn(p + i * sizeof(type), (type)pattern);	\
	} while (0)

int mapping_read_block(struct mapping *m, uint64_t off, unsigned width,
		       size_t count, void *out, struct error *e)
{
	char *buf = out;

	if (m->pread || (m->flags & (MAPPING_TRACE | MAPPING_DRY_RUN))) {
		for (size_t i = 0; i < count; i++) {
			uint64_t v;

			if (mapping_read(m, off + i * width, width, &v, e))
				return -1;
			memcpy(buf + i * width, &v, width);
		}
		return 0;
	}
	fault_access(false, width);
	while (count) {
		size_t n = count;
		volatile uint8_t *p;

		if ((uint64_t)n * width > WINDOW_MAX)
			n = WINDOW_MAX / width;
		p = mapping_at(m, off, (uint64_t)n * width, e);
		if (!p)
			return -1;
		switch (width) {
		case 1: READ_LOOP(uint8_t, access_read8); break;
		case 2: READ_LOOP(uint16_t, access_read16); break;
		case 4: READ_LOOP(uint32_t, access_read32); break;
		default: READ_LOOP(uint64_t, access_read64); break;
		}
		buf += n * width;
		off += n * width;
		count -= n;
	}
	return 0;
}

int mapping_fill(struct mapping *m, uint64_t off, unsigned width,
		 uint64_t count, uint64_t pattern, struct error *e)
{
	if (m->pread || (m->flags & (MAPPING_TRACE | MAPPING_DRY_RUN))) {
		for (uint64_t i = 0; i < count; i++)
			if (mapping_write(m, off + i * width, width, pattern, e))
				return -1;
		return 0;
	}
	fault_access(true, width);
	while (count) {
		size_t n = count > WINDOW_MAX / width ? WINDOW_MAX / width
						       : (size_t)count;
		volatile uint8_t *p;

		p = mapping_at(m, off, (uint64_t)n * width, e);
		if (!p)
			return -1;
		prefault_write(m, off);
		switch (width) {
		case 1: FILL_LOOP(uint8_t, access_write8); break;
		case 2: FILL_LOOP(uint16_t, access_write16); break;
		case 4: FILL_LOOP(uint32_t, access_write32); break;
		default: FILL_LOOP(uint64_t, access_write64); break;
		}
		off += n * width;
		count -= n;
	}
	return 0;
}

int mapping_write_block(struct mapping *m, uint64_t off, unsigned width,
			size_t count, const void *in, struct error *e)
{
	const char *buf = in;

	if (m->pread ||
	    (m->flags & (MAPPING_TRACE | MAPPING_DRY_RUN))) {
		for (size_t i = 0; i < count; i++) {
			uint64_t v = 0;

			memcpy(&v, buf + i * width, width);
			if (mapping_write(m, off + i * width, width, v, e))
				return -1;
		}
		return 0;
	}
	fault_access(true, width);
	while (count) {
		size_t n = count;
		volatile uint8_t *p;

		if ((uint64_t)n * width > WINDOW_MAX)
			n = WINDOW_MAX / width;
		p = mapping_at(m, off, (uint64_t)n * width, e);
		if (!p)
			return -1;
		prefault_write(m, off);
		switch (width) {
		case 1: WRITE_LOOP(uint8_t, access_write8); break;
		case 2: WRITE_LOOP(uint16_t, access_write16); break;
		case 4: WRITE_LOOP(uint32_t, access_write32); break;
		default: WRITE_LOOP(uint64_t, access_write64); break;
		}
		buf += n * width;
		off += n * width;
		count -= n;
	}
	return 0;
}

int mapping_prepare(struct mapping *m, uint64_t off, unsigned width,
		    struct error *e)
{
	if (m->pread || (m->flags & MAPPING_DRY_RUN))
		return 0;
	return mapping_at(m, off, width, e) ? 0 : -1;
}

void mapping_fence(struct mapping *m)
{
	if (!m->pread && !(m->flags & MAPPING_DRY_RUN))
		access_store_fence();
}
