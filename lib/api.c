// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libiomap's public calls (<iomap.h>, libiomap(3)) over the modules the
 * tool uses: the region options parser, the region backends, the mapping,
 * the fault guard, operands and register descriptions. Nothing here prints
 * or exits.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "iomap.h"

#include "access.h"
#include "fault.h"
#include "format.h"
#include "mapping.h"
#include "number.h"
#include "operand.h"
#include "regdb.h"
#include "region.h"
#include "region_args.h"
#include "words.h"

/* Reads of a crc32 go in chunks of this many bytes. */
#define CRC_CHUNK (16 * 1024)

struct iomap {
	struct region r;	/* the mapping points here */
	struct mapping map;
	bool open;		/* MAP is open, */
	bool writable;		/* for writing too */
	struct regdb *db;	/* -r FILE, or NULL */
	void (*trace)(const char *line, void *arg);
	void *trace_arg;
};

/* Copy E into OUT (when not NULL); returns -1. */
static int fail(struct iomap_error *out, const struct error *e)
{
	if (out) {
		out->status = e->status;
		out->errnum = e->errnum;
		snprintf(out->message, sizeof(out->message), "%s", e->msg);
		snprintf(out->hint, sizeof(out->hint), "%s", e->hint);
	}
	return -1;
}

struct iomap *iomap_open(const char *region, struct iomap_error *err)
{
	struct region_spec spec;
	const char *regs = NULL;
	struct words *w = NULL;
	struct iomap *m;
	struct error e;
	char msg[1024], warn[256];

	if (!region)
		region = "";
	m = calloc(1, sizeof(*m));
	if (!m) {
		error_set(&e, EXIT_FAIL, "out of memory");
		fail(err, &e);
		return NULL;
	}
	m->map.fd = -1;
	/* Split and parsed as a script's region line is. */
	if (words_split(region, strlen(region), &w, msg, sizeof(msg))) {
		error_set(&e, EXIT_USAGE, "%s", msg);
		goto fail;
	}
	if (region_args_parse(w->n, w->v, &spec, &regs, msg, sizeof(msg))) {
		error_set(&e, EXIT_USAGE, "%s%s", strncmp(msg, "region ", 7)
			  ? "region: " : "", msg);
		goto fail;
	}
	if (region_spec_check(&spec, &e)) {
		snprintf(msg, sizeof(msg), "%s", e.msg);
		error_set(&e, EXIT_USAGE, "region: %s", msg);
		goto fail;
	}
	region_spec_secure(&spec, warn, sizeof(warn));
	if (region_resolve(&spec, &m->r, &e))
		goto fail;
	if (regs && regdb_load(regs, 0, &m->db, &e))
		goto fail;
	words_free(w);
	fault_install();
	return m;
fail:
	words_free(w);
	regdb_free(m->db);
	free(m);
	fail(err, &e);
	return NULL;
}

void iomap_close(struct iomap *m)
{
	if (!m)
		return;
	if (m->open)
		mapping_close(&m->map);
	regdb_free(m->db);
	free(m);
}

uint64_t iomap_size(const struct iomap *m)
{
	return m->r.size;
}

const char *iomap_name(const struct iomap *m)
{
	return m->r.name;
}

const char *iomap_version(void)
{
	return PACKAGE_VERSION;
}

void iomap_set_trace(struct iomap *m,
		     void (*fn)(const char *line, void *arg), void *arg)
{
	m->trace = fn;
	m->trace_arg = arg;
	if (!m->open)
		return;
	if (fn)
		m->map.flags |= MAPPING_TRACE;
	else
		m->map.flags &= ~(unsigned)MAPPING_TRACE;
	mapping_set_trace(&m->map, fn, arg);
}

/* A traced access ends with the name of the register there, if any. */
static const char *trace_name(void *arg, uint64_t off, unsigned width)
{
	struct iomap *m = arg;
	struct regdb_reg r;
	long i = operand_reg_at(m->db, &m->r, off, width);

	if (i < 0)
		return NULL;
	regdb_reg(m->db, (size_t)i, &r);
	return r.name;
}

/* M's mapping, open for writing when WRITE (reopened if it was not). */
static int need(struct iomap *m, bool write, struct error *e)
{
	if (m->open && (m->writable || !write))
		return 0;
	if (m->open)
		mapping_close(&m->map);
	m->open = false;
	if (mapping_open(&m->map, &m->r, (write ? MAPPING_WRITE : 0) |
			 (m->trace ? MAPPING_TRACE : 0), e))
		return -1;
	mapping_set_trace(&m->map, m->trace, m->trace_arg);
	if (m->db) {
		m->map.trace_name = trace_name;
		m->map.trace_name_arg = m;
	}
	m->open = true;
	m->writable = write;
	return 0;
}

/*
 * Before an access: the fault guard watches M's window (another handle of
 * this thread may have been used since).
 */
static void arm(struct iomap *m)
{
	if (m->map.win)
		fault_window(&m->r, m->map.win, m->map.win_pos - m->map.base,
			     m->map.win_len);
}

static int check_width(unsigned width, struct error *e)
{
	if (width == 1 || width == 2 || width == 4 || width == 8)
		return 0;
	return error_set(e, EXIT_USAGE, "invalid width %u: use 1, 2, 4 or 8 "
			 "(bytes)", width);
}

/* A VALUE (WHAT) of an access of WIDTH bytes must fit it. */
static int check_value(const char *what, uint64_t v, unsigned width,
		       struct error *e)
{
	if (number_fits(v, width))
		return 0;
	return error_set(e, EXIT_USAGE, "%s '0x%" PRIx64 "' is wider than the "
			 "%u-bit access width", what, v, width * 8);
}

/* LEN bytes from OFF of words of WIDTH bytes, checked as a RANGE is. */
static int check_range(const struct iomap *m, uint64_t off, unsigned width,
		       uint64_t len, struct error *e)
{
	if (check_width(width, e))
		return -1;
	if (len == 0)
		return error_set(e, EXIT_USAGE, "range '0x%" PRIx64 "+0' is "
				 "empty", off);
	if (off % width)
		return error_set(e, EXIT_USAGE, "range start 0x%" PRIx64 " is "
				 "not aligned to the %u-bit access width",
				 off, width * 8);
	if (len % width)
		return error_set(e, EXIT_USAGE, "range length 0x%" PRIx64 " is "
				 "not a multiple of the %u-bit access width",
				 len, width * 8);
	return region_check_access(&m->r, off, width, len / width, e);
}

/*
 * The guarded part of every call: a bus error or a segmentation fault in
 * M's window comes back here (fault_jump) and fails the call with the
 * fault described, the process alive.
 */
#define GUARD(m, e)							\
	do {								\
		if (sigsetjmp(fault_jump, 0)) {				\
			fault_describe(e);				\
			return -1;					\
		}							\
		arm(m);							\
	} while (0)

static int do_read(struct iomap *m, uint64_t off, unsigned width,
		   uint64_t *value, struct error *e)
{
	if (check_width(width, e) ||
	    region_check_access(&m->r, off, width, 1, e) || need(m, false, e))
		return -1;
	GUARD(m, e);
	mapping_span(&m->map, off, width);
	return mapping_read(&m->map, off, width, value, e);
}

/*
 * The word of WIDTH bytes at OFF when it lies in M's current window and
 * passes every check that do_read() makes (a width of 1, 2, 4 or 8,
 * aligned, inside the region, a mapped region, no trace), else NULL: the
 * thin path of a loop of reads or writes.
 */
static inline volatile uint8_t *fast_word(struct iomap *m, uint64_t off,
					  unsigned width)
{
	const struct mapping *mp = &m->map;
	uint64_t pos;

	if (!mp->win || m->trace || mp->pread || m->r.kind != REGION_MEM ||
	    (width != 1 && width != 2 && width != 4 && width != 8) ||
	    (off & (width - 1)) || off >= m->r.size ||
	    width > m->r.size - off)
		return NULL;
#if UINTPTR_MAX < UINT64_MAX
	if (width == 8)
		return NULL;	/* refused by region_check_access() */
#endif
	pos = mp->base + off;
	if (pos < mp->win_pos || pos - mp->win_pos > mp->win_len - width)
		return NULL;
	return mp->win + (pos - mp->win_pos);
}

int iomap_read(struct iomap *m, uint64_t off, unsigned width,
	       uint64_t *value, struct iomap_error *err)
{
	volatile uint8_t *volatile p = fast_word(m, off, width);
	struct error e;

	if (p) {
		if (sigsetjmp(fault_jump, 0)) {
			fault_describe(&e);
			return fail(err, &e);
		}
		arm(m);
		fault_access(false, width);
		*value = access_read(p, width);
		return 0;
	}
	return do_read(m, off, width, value, &e) ? fail(err, &e) : 0;
}

static int do_write(struct iomap *m, uint64_t off, unsigned width,
		    uint64_t value, uint64_t mask, struct error *e)
{
	uint64_t all = width >= 8 ? UINT64_MAX
				  : ((uint64_t)1 << (width * 8)) - 1;
	uint64_t written;

	if (check_width(width, e) || check_value("value", value, width, e) ||
	    check_value("mask", mask, width, e))
		return -1;
	if (value & ~mask)
		return error_set(e, EXIT_USAGE, "value 0x%" PRIx64 " has bits "
				 "outside mask 0x%" PRIx64 ": nothing was "
				 "written", value, mask);
	if (region_check_access(&m->r, off, width, 1, e) || need(m, true, e))
		return -1;
	GUARD(m, e);
	mapping_span(&m->map, off, width);
	if (mask == all ? mapping_write(&m->map, off, width, value, e)
			: mapping_rmw(&m->map, off, width, value, mask,
				      &written, e))
		return -1;
	mapping_fence(&m->map);
	return 0;
}

int iomap_write(struct iomap *m, uint64_t off, unsigned width,
		uint64_t value, struct iomap_error *err)
{
	struct error e;
	uint64_t all = width >= 8 ? UINT64_MAX
				  : ((uint64_t)1 << (width * 8)) - 1;

	return do_write(m, off, width, value, all, &e) ? fail(err, &e) : 0;
}

int iomap_modify(struct iomap *m, uint64_t off, unsigned width,
		 uint64_t value, uint64_t mask, struct iomap_error *err)
{
	struct error e;

	return do_write(m, off, width, value, mask, &e) ? fail(err, &e) : 0;
}

/* Sleep NS nanoseconds on the monotonic clock. */
static void sleep_ns(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ns / 1000000000u),
		.tv_nsec = (long)(ns % 1000000000u),
	};

	while (nanosleep(&ts, &ts) != 0)
		;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int do_wait(struct iomap *m, uint64_t off, unsigned width,
		   uint64_t value, uint64_t mask, uint64_t timeout_ns,
		   uint64_t interval_ns, struct error *e)
{
	uint64_t deadline, v = 0, t;
	char got[24], want[24], bits[24], dur[32];

	if (check_width(width, e) || check_value("value", value, width, e) ||
	    check_value("mask", mask, width, e))
		return -1;
	if (value & ~mask)
		return error_set(e, EXIT_USAGE, "wait for '0x%" PRIx64 ":0x%"
				 PRIx64 "' can never end: the value has bits "
				 "outside the mask", value, mask);
	if (!interval_ns)
		return error_set(e, EXIT_USAGE, "invalid interval '0': it must "
				 "be more than 0");
	if (region_check_access(&m->r, off, width, 1, e) || need(m, false, e))
		return -1;
	t = now_ns();
	deadline = timeout_ns > UINT64_MAX - t ? UINT64_MAX : t + timeout_ns;
	GUARD(m, e);
	mapping_span(&m->map, off, width);
	for (;;) {
		if (mapping_read(&m->map, off, width, &v, e))
			return -1;
		if ((v & mask) == value)
			return 0;
		t = now_ns();
		if (t >= deadline)
			break;
		sleep_ns(deadline - t < interval_ns ? deadline - t
						    : interval_ns);
	}
	format_value(got, v, width);
	format_value(want, value, width);
	format_value(bits, mask, width);
	format_duration(dur, sizeof(dur), timeout_ns);
	return error_set(e, EXIT_TIMEOUT, "wait at 0x%" PRIx64 " timed out "
			 "after %s: last read %s, waiting for (word & %s) == "
			 "%s", region_addr(&m->r, off), dur, got, bits, want);
}

int iomap_wait(struct iomap *m, uint64_t off, unsigned width,
	       uint64_t value, uint64_t mask, uint64_t timeout_ns,
	       uint64_t interval_ns, struct iomap_error *err)
{
	struct error e;

	return do_wait(m, off, width, value, mask, timeout_ns, interval_ns,
		       &e) ? fail(err, &e) : 0;
}

static int do_read_block(struct iomap *m, uint64_t off, unsigned width,
			 void *buf, size_t len, struct error *e)
{
	if (check_range(m, off, width, len, e) || need(m, false, e))
		return -1;
	GUARD(m, e);
	mapping_span(&m->map, off, len);
	return mapping_read_block(&m->map, off, width, len / width, buf, e);
}

int iomap_read_block(struct iomap *m, uint64_t off, unsigned width,
		     void *buf, size_t len, struct iomap_error *err)
{
	struct error e;

	return do_read_block(m, off, width, buf, len, &e) ? fail(err, &e) : 0;
}

static int do_write_block(struct iomap *m, uint64_t off, unsigned width,
			  const void *buf, size_t len, struct error *e)
{
	if (check_range(m, off, width, len, e) || need(m, true, e))
		return -1;
	GUARD(m, e);
	mapping_span(&m->map, off, len);
	if (mapping_write_block(&m->map, off, width, len / width, buf, e))
		return -1;
	mapping_fence(&m->map);
	return 0;
}

int iomap_write_block(struct iomap *m, uint64_t off, unsigned width,
		      const void *buf, size_t len, struct iomap_error *err)
{
	struct error e;

	return do_write_block(m, off, width, buf, len, &e) ? fail(err, &e)
							   : 0;
}

static int do_fill(struct iomap *m, uint64_t off, unsigned width,
		   uint64_t len, uint64_t pattern, struct error *e)
{
	if (check_range(m, off, width, len, e) ||
	    check_value("pattern", pattern, width, e) || need(m, true, e))
		return -1;
	GUARD(m, e);
	mapping_span(&m->map, off, len);
	if (mapping_fill(&m->map, off, width, len / width, pattern, e))
		return -1;
	mapping_fence(&m->map);
	return 0;
}

int iomap_fill(struct iomap *m, uint64_t off, unsigned width, uint64_t len,
	       uint64_t pattern, struct iomap_error *err)
{
	struct error e;

	return do_fill(m, off, width, len, pattern, &e) ? fail(err, &e) : 0;
}

static int do_crc32(struct iomap *m, uint64_t off, unsigned width,
		    uint64_t len, uint8_t *buf, uint32_t *crc,
		    struct error *e)
{
	uLong c = crc32(0L, Z_NULL, 0);

	if (check_range(m, off, width, len, e) || need(m, false, e))
		return -1;
	GUARD(m, e);
	mapping_span(&m->map, off, len);
	for (uint64_t done = 0; done < len;) {
		size_t n = len - done < CRC_CHUNK ? (size_t)(len - done)
						  : CRC_CHUNK;

		if (mapping_read_block(&m->map, off + done, width, n / width,
				       buf, e))
			return -1;
		c = crc32(c, buf, (uInt)n);
		done += n;
	}
	*crc = (uint32_t)c;
	return 0;
}

int iomap_crc32(struct iomap *m, uint64_t off, unsigned width, uint64_t len,
		uint32_t *crc, struct iomap_error *err)
{
	struct error e;
	uint8_t *buf = malloc(CRC_CHUNK);
	int rc;

	if (!buf) {
		error_set(&e, EXIT_FAIL, "out of memory");
		return fail(err, &e);
	}
	rc = do_crc32(m, off, width, len, buf, crc, &e);
	free(buf);
	return rc ? fail(err, &e) : 0;
}

/* NAME as a register (or REG.FIELD with BITS) of M's description. */
static int name_operand(const struct iomap *m, const char *name,
			unsigned flags, const char *cmd, struct operand *op,
			struct error *e)
{
	struct operand_ctx c = {
		.region = &m->r,
		.db = m->db,
		.width = 4,
		.cmd = cmd,
	};

	if (operand_parse_in(&c, name, flags, op, e))
		return -1;
	if (!op->named)
		return error_set(e, EXIT_USAGE, "'%s' is not a register name "
				 "(offsets go to iomap_read and iomap_write)",
				 name);
	return 0;
}

static int do_read_name(struct iomap *m, const char *name, uint64_t *value,
			struct error *e)
{
	struct operand op;
	uint64_t v;

	if (name_operand(m, name, OPERAND_READ | OPERAND_BITS, "peek", &op, e)
	    || do_read(m, op.offset, op.width, &v, e))
		return -1;
	*value = operand_get(&op, v);
	return 0;
}

int iomap_read_name(struct iomap *m, const char *name, uint64_t *value,
		    struct iomap_error *err)
{
	struct error e;

	return do_read_name(m, name, value, &e) ? fail(err, &e) : 0;
}

/* OP's VALUE (shifted down) must fit its bits. */
static int check_fits(const struct operand *op, uint64_t value,
		      struct error *e)
{
	unsigned bits = operand_bits(op);
	char name[2 * 1024 + 2];

	if (bits >= 64 || !(value >> bits))
		return 0;
	operand_name(op, name, sizeof(name));
	return error_set(e, EXIT_USAGE, "value '0x%" PRIx64 "' does not fit "
			 "the %u-bit %s %s", value, bits,
			 op->has_bits ? "field" : "register", name);
}

/* Write VALUE under MASK of OP's register, as poke refuses and does it. */
static int write_masked(struct iomap *m, const struct operand *op,
			uint64_t value, uint64_t mask, struct error *e)
{
	uint64_t all = op->width >= 8 ? UINT64_MAX
				      : ((uint64_t)1 << (op->width * 8)) - 1;

	/* Bits short of the whole word are read first: not write-only. */
	if (mask != all && op->reg.access == REGDB_WO)
		return error_set(e, EXIT_USAGE, "register %s is write-only: "
				 "writing part of it would read it first; "
				 "write it whole (poke %s VALUE)",
				 op->reg.name, op->reg.name);
	return do_write(m, op->offset, op->width, value, mask, e);
}

static int do_write_name(struct iomap *m, const char *name, uint64_t value,
			 struct error *e)
{
	struct operand op;

	if (name_operand(m, name, OPERAND_WRITE | OPERAND_BITS, "poke", &op, e)
	    || check_fits(&op, value, e))
		return -1;
	return write_masked(m, &op, value << (op.has_bits ? op.lo : 0),
			    operand_mask(&op), e);
}

int iomap_write_name(struct iomap *m, const char *name, uint64_t value,
		     struct iomap_error *err)
{
	struct error e;

	return do_write_name(m, name, value, &e) ? fail(err, &e) : 0;
}

/* FIELD=VALUE... of register OP into VALUE and MASK, as poke REG does. */
static int parse_fields(const struct operand *op, const char *reg,
			const struct words *w, uint64_t *value, uint64_t *mask,
			struct error *e)
{
	*value = *mask = 0;
	if (w->n < 2)
		return error_set(e, EXIT_USAGE, "no FIELD=VALUE for %s",
				 op->reg.name);
	for (int i = 1; i < w->n; i++) {
		const char *eq = strchr(w->v[i], '=');
		struct operand f;
		uint64_t v;
		char *field;
		int bad;

		if (!eq)
			return error_set(e, EXIT_USAGE, "'%s' is no FIELD=VALUE:"
					 " give all values of poke %s as "
					 "FIELD=VALUE, or one VALUE",
					 w->v[i], reg);
		field = strndup(w->v[i], (size_t)(eq - w->v[i]));
		if (!field)
			return error_set(e, EXIT_FAIL, "out of memory");
		bad = operand_field(op, field, &f, e);
		free(field);
		if (bad || operand_value(&f, "value", eq + 1, &v, e))
			return -1;
		if (f.fld.access == REGDB_RO)
			return error_set(e, EXIT_USAGE, "field %s.%s is "
					 "read-only: writing it is refused",
					 f.reg.name, f.fld.name);
		if (*mask & operand_mask(&f))
			return error_set(e, EXIT_USAGE, "field %s is given "
					 "twice", f.fld.name);
		*mask |= operand_mask(&f);
		*value |= v << f.lo;
	}
	return 0;
}

static int do_set_fields(struct iomap *m, const char *reg,
			 const char *assignments, struct error *e)
{
	struct operand op;
	struct words *w;
	uint64_t value, mask;
	char msg[256];
	int rc;

	if (name_operand(m, reg, OPERAND_WRITE, "poke", &op, e))
		return -1;
	if (words_split(assignments, strlen(assignments), &w, msg,
			sizeof(msg)))
		return error_set(e, EXIT_USAGE, "%s", msg);
	rc = parse_fields(&op, reg, w, &value, &mask, e);
	words_free(w);
	if (rc) {
		error_hint(e, "nothing was written");
		return -1;
	}
	return write_masked(m, &op, value, mask, e);
}

int iomap_set_fields(struct iomap *m, const char *reg,
		     const char *assignments, struct iomap_error *err)
{
	struct error e;

	return do_set_fields(m, reg, assignments, &e) ? fail(err, &e) : 0;
}

size_t iomap_reg_count(const struct iomap *m)
{
	return m->db ? regdb_count(m->db) : 0;
}

static int no_such(const char *what, size_t i, size_t n, struct error *e)
{
	return error_set(e, EXIT_USAGE, "no %s %zu: there %s %zu", what, i,
			 n == 1 ? "is" : "are", n);
}

int iomap_reg_info(const struct iomap *m, size_t reg, struct iomap_reg *out,
		   struct iomap_error *err)
{
	struct regdb_reg r;
	struct error e;
	uint64_t off;

	if (reg >= iomap_reg_count(m))
		return fail(err, (no_such("register", reg, iomap_reg_count(m),
					  &e), &e));
	regdb_reg(m->db, reg, &r);
	out->name = r.name;
	out->description = r.desc;
	out->address = r.address;
	out->in_region = operand_address(&m->r, r.address, &off) &&
			 region_check_access(&m->r, off, r.width, 1, &e) == 0;
	out->offset = off;
	out->width = r.width;
	out->access = (enum iomap_access)r.access;
	out->side_effects = r.side_effects;
	out->has_reset = r.has_reset;
	out->reset = r.reset;
	out->nfields = r.nfields;
	return 0;
}

int iomap_field_info(const struct iomap *m, size_t reg, size_t field,
		     struct iomap_field *out, struct iomap_error *err)
{
	struct regdb_field f;
	struct regdb_reg r;
	struct error e;

	if (reg >= iomap_reg_count(m))
		return fail(err, (no_such("register", reg, iomap_reg_count(m),
					  &e), &e));
	regdb_reg(m->db, reg, &r);
	if (field >= r.nfields)
		return fail(err, (no_such("field", field, r.nfields, &e), &e));
	regdb_field(m->db, &r, field, &f);
	out->name = f.name;
	out->description = f.desc;
	out->hi = f.hi;
	out->lo = f.lo;
	out->access = (enum iomap_access)f.access;
	out->side_effects = f.side_effects;
	out->nenums = f.nenums;
	return 0;
}

int iomap_enum_info(const struct iomap *m, size_t reg, size_t field,
		    size_t value, struct iomap_enum *out,
		    struct iomap_error *err)
{
	struct regdb_field f;
	struct regdb_reg r;
	struct regdb_enum v;
	struct error e;

	if (reg >= iomap_reg_count(m))
		return fail(err, (no_such("register", reg, iomap_reg_count(m),
					  &e), &e));
	regdb_reg(m->db, reg, &r);
	if (field >= r.nfields)
		return fail(err, (no_such("field", field, r.nfields, &e), &e));
	regdb_field(m->db, &r, field, &f);
	if (value >= f.nenums)
		return fail(err, (no_such("enumerated value", value, f.nenums,
					  &e), &e));
	regdb_enum(m->db, &f, value, &v);
	out->name = v.name;
	out->description = v.desc;
	out->value = v.value;
	return 0;
}
