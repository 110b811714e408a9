// SPDX-License-Identifier: GPL-2.0-or-later
/* Register descriptions: the common model, lookups, and the compiled index. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caller.h"
#include "readfile.h"
#include "regdb_int.h"

/*
 * The model is one flat image: a header, arrays of fixed-size records that
 * refer to each other by index and to names by offset into a string table,
 * and two name indexes sorted without regard to case. A parse builds it in
 * memory; the same bytes, written to the user's cache, are mapped back in by
 * later runs (the compiled index), so a lookup costs a binary search either
 * way. Nothing in a mapped image is trusted before regdb_validate.
 */
/* The largest description read (a big SoC's SVD is tens of MiB). */
#define REGDB_FILE_MAX	((size_t)512 << 20)
#define IMAGE_MAGIC	"iomapRDB"
#define IMAGE_VERSION	2u
#define IMAGE_ORDER	0x01020304u

struct image_header {
	char magic[8];
	uint32_t version;
	uint32_t byte_order;
	uint64_t size;			/* of the whole image */
	/* The source file it was compiled from (the cache key). */
	uint64_t src_size;
	int64_t src_mtime_sec, src_mtime_nsec;
	int64_t src_ctime_sec, src_ctime_nsec;
	uint64_t src_ino, src_dev;
	uint32_t src_path;		/* string: the absolute path */
	uint32_t format;
	uint32_t nregs, nfields, nenums, strings_size;
	/* Byte offsets of the sections from the image's start. */
	uint64_t regs_off, fields_off, enums_off, by_name_off, by_short_off,
		 strings_off;
};

enum {
	REC_SIDE_EFFECTS = 1,
	REC_HAS_RESET = 2,
	/* A field's writeConstraint: a range, or its enumerated values. */
	REC_WC_RANGE = 2,
	REC_WC_ENUMS = 4,
	/* A field's modifiedWriteValues: (flags >> 4) & 15. */
	REC_WMOD_SHIFT = 4,
};

struct image_reg {
	uint64_t address;
	uint64_t reset;
	uint32_t name, desc;
	uint32_t first_field, nfields;
	uint32_t line;
	uint8_t width, access, flags, pad;
};

struct image_field {
	uint32_t name, desc;
	uint32_t first_enum, nenums;
	uint32_t line;
	uint8_t hi, lo, access, flags;
	uint64_t wc_min, wc_max;	/* writeConstraint range */
};

struct image_enum {
	uint64_t value;
	uint32_t name, desc;
};

_Static_assert(sizeof(struct image_reg) == 40, "image_reg layout");
_Static_assert(sizeof(struct image_field) == 40, "image_field layout");
_Static_assert(sizeof(struct image_enum) == 16, "image_enum layout");
_Static_assert(sizeof(struct image_header) % 8 == 0, "header layout");

/* An erratum of the description: what was dropped or read how. */
struct problem {
	unsigned line;
	char *msg;
};

/* Problems kept to list; more are counted only. */
#define REGDB_MAX_PROBLEMS	100000u

struct regdb {
	char *path;
	struct problem *problems;	/* a parse's; none from the cache */
	size_t nproblems, nkept;
	unsigned char *image;
	size_t size;
	bool mapped;			/* munmap, else free */
	const struct image_header *h;
	const struct image_reg *regs;
	const struct image_field *fields;
	const struct image_enum *enums;
	const uint32_t *by_name, *by_short;
	const char *strings;
};

/* ASCII case folding: names compare the same in every locale. */
static inline int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

static int name_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int d = fold((unsigned char)*a) - fold((unsigned char)*b);

		if (d || !*a)
			return d;
	}
}

/* Compare the first N bytes of A with B (B's end counts as end of name). */
static int name_ncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int d = fold((unsigned char)a[i]) - fold((unsigned char)b[i]);

		if (d || !a[i])
			return d;
	}
	return 0;
}

/* The name without its block: what follows the first '.'. */
static const char *short_name(const char *full)
{
	const char *dot = strchr(full, '.');

	return dot ? dot + 1 : full;
}

/* ---------------------------------------------------------------------- */
/* The builder. */

struct regdb_builder {
	const char *file;
	struct image_reg *regs;
	struct image_field *fields;
	struct image_enum *enums;
	size_t nregs, nfields, nenums, cap_regs, cap_fields, cap_enums;
	char *strings;
	size_t slen, scap;
	/* Interned strings: open addressing over offsets, 0 = empty. */
	uint32_t *hash;
	size_t hcap, hcount;
	/*
	 * The names of the last field's enumerated values, case folded:
	 * open addressing over enum index + 1, 0 = empty; emptied when
	 * another field starts, so each check costs the same however many
	 * values a field has.
	 */
	uint32_t *ehash;
	size_t ehcap, ehcount, ehfield;
	/*
	 * Register names so far, case folded: open addressing over register
	 * index + 1, 0 = empty (a second register of a name is renamed).
	 */
	uint32_t *rhash;
	size_t rhcap;
	/*
	 * The last register or field was dropped: what follows it (its
	 * fields, its values) is dropped with it, never given to another.
	 */
	bool skip_reg, skip_field;
	struct problem *problems;
	size_t nproblems, nkept, cap_problems;
	bool nomem;
	bool builtin;	/* iomap's own: value names such as 2.5GT/s */
};

static bool grow(void **p, size_t *cap, size_t need, size_t elem);

int rb_fail(const struct regdb_builder *b, struct error *e, unsigned line,
	    const char *fmt, ...)
{
	char msg[1536];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error_set(e, EXIT_USAGE, "%s:%u: %s", b->file, line, msg);
}

void rb_warn(struct regdb_builder *b, unsigned line, const char *fmt, ...)
{
	char msg[1536];
	struct problem *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	b->nproblems++;
	if (b->nkept >= REGDB_MAX_PROBLEMS)
		return;
	/* The same erratum met again (an array's elements): once. */
	if (b->nkept && b->problems[b->nkept - 1].line == line &&
	    strcmp(b->problems[b->nkept - 1].msg, msg) == 0) {
		b->nproblems--;
		return;
	}
	if (!grow((void **)&b->problems, &b->cap_problems, b->nkept + 1,
		  sizeof(*b->problems))) {
		b->nomem = true;
		return;
	}
	p = &b->problems[b->nkept];
	p->line = line;
	p->msg = strdup(msg);
	if (!p->msg) {
		b->nomem = true;
		return;
	}
	b->nkept++;
}

static void problems_free(struct problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].msg);
	free(p);
}

static int rb_nomem(struct error *e)
{
	return error_set(e, EXIT_FAIL, "out of memory");
}

bool rb_valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '[' ||
		      *s == ']'))
			return false;
	return true;
}

/* iomap's own value names may also hold '.', '/' and '-' (2.5GT/s). */
static bool builtin_value_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' ||
		      *s == '/' || *s == '-'))
			return false;
	return true;
}

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

/* The same hash for names that differ only in case. */
static uint64_t hash_folded(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (; *s; s++)
		h = (h ^ (unsigned)fold((unsigned char)*s)) * 0x100000001b3u;
	return h;
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t cap2;
	void *q;

	if (need <= *cap)
		return true;
	cap2 = *cap ? *cap * 2 : 64;
	while (cap2 < need)
		cap2 *= 2;
	q = realloc(*p, cap2 * elem);
	if (!q)
		return false;
	*p = q;
	*cap = cap2;
	return true;
}

/* The offset of S in the string table, added once; 0 is "". */
static uint32_t rb_string(struct regdb_builder *b, const char *s)
{
	size_t n, i;
	uint64_t h;

	if (!s || !*s || b->nomem)
		return 0;
	n = strlen(s);
	if (b->slen + n + 1 > UINT32_MAX) {
		b->nomem = true;
		return 0;
	}
	if (b->hcount * 2 >= b->hcap) {
		size_t cap = b->hcap ? b->hcap * 2 : 4096;
		uint32_t *t = calloc(cap, sizeof(*t));

		if (!t) {
			b->nomem = true;
			return 0;
		}
		for (i = 0; i < b->hcap; i++) {
			uint32_t off = b->hash[i];
			size_t j;

			if (!off)
				continue;
			j = hash_str(b->strings + off,
				     strlen(b->strings + off)) & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = off;
		}
		free(b->hash);
		b->hash = t;
		b->hcap = cap;
	}
	h = hash_str(s, n);
	for (i = h & (b->hcap - 1); b->hash[i]; i = (i + 1) & (b->hcap - 1))
		if (strcmp(b->strings + b->hash[i], s) == 0)
			return b->hash[i];
	if (!grow((void **)&b->strings, &b->scap, b->slen + n + 1, 1)) {
		b->nomem = true;
		return 0;
	}
	memcpy(b->strings + b->slen, s, n + 1);
	b->hash[i] = (uint32_t)b->slen;
	b->hcount++;
	b->slen += n + 1;
	return b->hash[i];
}

static struct regdb_builder *rb_new(const char *file)
{
	struct regdb_builder *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->file = file;
	b->strings = malloc(64);
	if (!b->strings) {
		free(b);
		return NULL;
	}
	b->strings[0] = '\0';	/* offset 0: the empty string */
	b->slen = 1;
	b->scap = 64;
	return b;
}

static void rb_free(struct regdb_builder *b)
{
	if (!b)
		return;
	free(b->regs);
	free(b->fields);
	free(b->enums);
	free(b->strings);
	free(b->hash);
	free(b->ehash);
	free(b->rhash);
	problems_free(b->problems, b->nkept);
	free(b);
}

/* The slot of register name NAME in the table: its holder, else empty. */
static size_t reg_slot(const struct regdb_builder *b, const char *name)
{
	size_t i = hash_folded(name) & (b->rhcap - 1);

	while (b->rhash[i] &&
	       name_cmp(b->strings + b->regs[b->rhash[i] - 1].name, name))
		i = (i + 1) & (b->rhcap - 1);
	return i;
}

/* Room in the register name table for one more; false when out of memory. */
static bool reg_table(struct regdb_builder *b)
{
	size_t cap;
	uint32_t *t;

	if ((b->nregs + 1) * 2 <= b->rhcap)
		return true;
	cap = b->rhcap ? b->rhcap * 2 : 256;
	t = calloc(cap, sizeof(*t));
	if (!t)
		return false;
	free(b->rhash);
	b->rhash = t;
	b->rhcap = cap;
	for (size_t i = 0; i < b->nregs; i++)
		b->rhash[reg_slot(b, b->strings + b->regs[i].name)] =
			(uint32_t)i + 1;
	return true;
}

/* The register already called NAME (any case), or NULL. */
static const struct image_reg *reg_named(const struct regdb_builder *b,
					 const char *name)
{
	uint32_t i = b->rhcap ? b->rhash[reg_slot(b, name)] : 0;

	return i ? &b->regs[i - 1] : NULL;
}

int rb_register(struct regdb_builder *b, const struct rb_reg *r,
		struct error *e)
{
	struct image_reg *ir;
	const struct image_reg *same;
	char renamed[REGDB_MAX_NAME + 16];
	const char *name = r->name;
	bool has_reset = r->has_reset;

	b->skip_field = false;
	if (strlen(r->name) > REGDB_MAX_NAME)
		return rb_fail(b, e, r->line, "register name too long");
	if (r->width != 1 && r->width != 2 && r->width != 4 && r->width != 8)
		return rb_fail(b, e, r->line, "register %s: size %u bits is "
			       "not 8, 16, 32 or 64", r->name, r->width * 8);
	if (r->address > UINT64_MAX - (r->width - 1u))
		return rb_fail(b, e, r->line, "register %s at 0x%" PRIx64
			       ": its %u bytes run past the end of the 64-bit "
			       "address space", r->name, r->address, r->width);
	if (r->has_reset && r->width < 8 &&
	    r->reset >> (r->width * 8)) {
		rb_warn(b, r->line, "register %s: reset value 0x%" PRIx64
			" does not fit %u bits: dropped", r->name, r->reset,
			r->width * 8);
		has_reset = false;
	}
	if (b->nregs >= REGDB_MAX_REGS)
		return rb_fail(b, e, r->line, "more than %u registers",
			       REGDB_MAX_REGS);
	if (!grow((void **)&b->regs, &b->cap_regs, b->nregs + 1,
		  sizeof(*b->regs)) || !reg_table(b))
		return rb_nomem(e);
	same = reg_named(b, name);
	/* A second register of a name: NAME_2, else NAME_3, ... */
	for (unsigned n = 2; same; n++) {
		const struct image_reg *first = reg_named(b, r->name);

		snprintf(renamed, sizeof(renamed), "%s_%u", r->name, n);
		same = reg_named(b, renamed);
		if (!same)
			rb_warn(b, r->line, "register %s is described twice "
				"(lines %u and %u): the second is %s",
				r->name, first->line, r->line, renamed);
		name = renamed;
	}
	ir = &b->regs[b->nregs];
	memset(ir, 0, sizeof(*ir));
	ir->address = r->address;
	ir->reset = has_reset ? r->reset : 0;
	ir->name = rb_string(b, name);
	ir->desc = rb_string(b, r->desc);
	ir->first_field = (uint32_t)b->nfields;
	ir->line = r->line;
	ir->width = (uint8_t)r->width;
	ir->access = (uint8_t)r->access;
	ir->flags = (r->side_effects ? REC_SIDE_EFFECTS : 0) |
		    (has_reset ? REC_HAS_RESET : 0);
	if (b->nomem)
		return rb_nomem(e);
	b->rhash[reg_slot(b, name)] = (uint32_t)++b->nregs;
	return 0;
}

void rb_set_reset(struct regdb_builder *b, uint64_t reset)
{
	if (b->nregs) {
		const struct image_reg *r = &b->regs[b->nregs - 1];

		if (r->width < 8 && reset >> (r->width * 8)) {
			rb_warn(b, r->line, "register %s: reset value 0x%"
				PRIx64 " does not fit %u bits: dropped",
				b->strings + r->name, reset, r->width * 8);
			return;
		}
		b->regs[b->nregs - 1].reset = reset;
		b->regs[b->nregs - 1].flags |= REC_HAS_RESET;
	}
}

static void bits_name(char *buf, size_t len, unsigned hi, unsigned lo)
{
	if (hi == lo)
		snprintf(buf, len, "[%u]", hi);
	else
		snprintf(buf, len, "[%u:%u]", hi, lo);
}

/* The field of R called NAME (any case), or NULL. */
static const struct image_field *field_named(const struct regdb_builder *b,
					     const struct image_reg *r,
					     const char *name)
{
	for (size_t i = r->first_field; i < b->nfields; i++)
		if (name_cmp(b->strings + b->fields[i].name, name) == 0)
			return &b->fields[i];
	return NULL;
}

int rb_field(struct regdb_builder *b, const struct rb_field *f,
	     struct error *e)
{
	struct image_reg *r;
	struct image_field *nf;
	char bits[32], other[32], renamed[REGDB_MAX_NAME + 16];
	const char *name = f->name;
	const struct image_field *same;

	if (!b->nregs)
		return rb_fail(b, e, f->line, "field %s outside a register",
			       f->name);
	r = &b->regs[b->nregs - 1];
	if (!rb_valid_name(f->name) || strlen(f->name) > REGDB_MAX_NAME)
		return rb_fail(b, e, f->line, "invalid field name '%s'",
			       f->name);
	if (f->lo > f->hi)
		return rb_fail(b, e, f->line, "field %s: bit %u is below bit "
			       "%u (give HI:LO)", f->name, f->hi, f->lo);
	b->skip_field = false;
	if (f->hi >= r->width * 8u) {
		/* The register has its meaning; this field has none. */
		bits_name(bits, sizeof(bits), f->hi, f->lo);
		rb_warn(b, f->line, "field %s %s lies beyond the %u-bit "
			"register %s: dropped", f->name, bits, r->width * 8u,
			b->strings + r->name);
		b->skip_field = true;
		return 0;
	}
	/* Overlaps are allowed: a bound keeps the checks below linear. */
	if (r->nfields >= REGDB_MAX_REG_FIELDS) {
		rb_warn(b, f->line, "register %s has more than %u fields: %s "
			"is dropped", b->strings + r->name,
			REGDB_MAX_REG_FIELDS, f->name);
		b->skip_field = true;
		return 0;
	}
	same = field_named(b, r, name);
	if (same) {
		/* A second field of a name: NAME_LO (RESERVED_16). */
		snprintf(renamed, sizeof(renamed), "%s_%u", f->name, f->lo);
		if (field_named(b, r, renamed)) {
			rb_warn(b, f->line, "register %s has two fields named "
				"%s (lines %u and %u), and %s is taken: the "
				"second is dropped", b->strings + r->name,
				f->name, same->line, f->line, renamed);
			b->skip_field = true;
			return 0;
		}
		rb_warn(b, f->line, "register %s has two fields named %s "
			"(lines %u and %u): the second is %s",
			b->strings + r->name, f->name, same->line, f->line,
			renamed);
		name = renamed;
	}
	for (size_t i = r->first_field; i < b->nfields; i++) {
		const struct image_field *o = &b->fields[i];

		if (f->lo <= o->hi && o->lo <= f->hi) {
			bits_name(bits, sizeof(bits), f->hi, f->lo);
			bits_name(other, sizeof(other), o->hi, o->lo);
			rb_warn(b, f->line, "field %s %s of %s overlaps field "
				"%s %s (line %u): both kept", name, bits,
				b->strings + r->name, b->strings + o->name,
				other, o->line);
			break;
		}
	}
	if (b->nfields >= REGDB_MAX_FIELDS)
		return rb_fail(b, e, f->line, "more than %u fields",
			       REGDB_MAX_FIELDS);
	if (!grow((void **)&b->fields, &b->cap_fields, b->nfields + 1,
		  sizeof(*b->fields)))
		return rb_nomem(e);
	nf = &b->fields[b->nfields];
	memset(nf, 0, sizeof(*nf));
	nf->name = rb_string(b, name);
	nf->desc = rb_string(b, f->desc);
	nf->first_enum = (uint32_t)b->nenums;
	nf->line = f->line;
	nf->hi = (uint8_t)f->hi;
	nf->lo = (uint8_t)f->lo;
	nf->access = (uint8_t)f->access;
	nf->flags = (uint8_t)((f->side_effects ? REC_SIDE_EFFECTS : 0) |
			      (f->wc_range ? REC_WC_RANGE : 0) |
			      (f->wc_enums ? REC_WC_ENUMS : 0) |
			      (f->wmod << REC_WMOD_SHIFT));
	nf->wc_min = f->wc_min;
	nf->wc_max = f->wc_max;
	if (b->nomem)
		return rb_nomem(e);
	b->nfields++;
	r->nfields++;
	if (f->side_effects)
		r->flags |= REC_SIDE_EFFECTS;
	return 0;
}

/*
 * The slot of NAME in the last field's table of values: the one that holds
 * it, else the empty one where it goes. The table is made ready (emptied
 * for a new field, grown) first; false when out of memory.
 */
static bool enum_table(struct regdb_builder *b)
{
	const struct image_field *f = &b->fields[b->nfields - 1];

	if (b->ehfield != b->nfields) {
		free(b->ehash);
		b->ehash = NULL;
		b->ehcap = b->ehcount = 0;
		b->ehfield = b->nfields;
	}
	if ((b->ehcount + 1) * 2 > b->ehcap) {
		size_t cap = b->ehcap ? b->ehcap * 2 : 16;
		uint32_t *t = calloc(cap, sizeof(*t));

		if (!t)
			return false;
		for (size_t i = f->first_enum; i < b->nenums; i++) {
			size_t j = hash_folded(b->strings + b->enums[i].name)
				   & (cap - 1);

			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = (uint32_t)i + 1;
		}
		free(b->ehash);
		b->ehash = t;
		b->ehcap = cap;
	}
	return true;
}

static size_t enum_slot(const struct regdb_builder *b, const char *name)
{
	size_t i = hash_folded(name) & (b->ehcap - 1);

	while (b->ehash[i] &&
	       name_cmp(b->strings + b->enums[b->ehash[i] - 1].name, name))
		i = (i + 1) & (b->ehcap - 1);
	return i;
}

const char *rb_enum_named(struct regdb_builder *b, const char *name)
{
	uint32_t i;

	if (!b->nfields || b->nomem || b->skip_field)
		return NULL;
	if (!enum_table(b)) {
		b->nomem = true;
		return NULL;
	}
	i = b->ehash[enum_slot(b, name)];
	return i ? b->strings + b->enums[i - 1].name : NULL;
}

int rb_enum(struct regdb_builder *b, const char *name, uint64_t value,
	    const char *desc, unsigned line, struct error *e)
{
	struct image_field *f;
	struct image_enum *v;
	unsigned width;

	if (b->skip_field)
		return 0;	/* the field was dropped: its values too */
	if (!b->nfields || !b->nregs ||
	    b->regs[b->nregs - 1].nfields == 0)
		return rb_fail(b, e, line, "enumerated value %s outside a "
			       "field", name);
	f = &b->fields[b->nfields - 1];
	width = f->hi - f->lo + 1u;
	if (!(b->builtin ? builtin_value_name(name) : rb_valid_name(name)) ||
	    strlen(name) > REGDB_MAX_NAME) {
		rb_warn(b, line, "field %s: enumerated value name '%.64s' "
			"cannot be a name: dropped", b->strings + f->name,
			name);
		return 0;
	}
	if (width < 64 && value >> width) {
		rb_warn(b, line, "value %s=0x%" PRIx64 " does not fit the "
			"%u-bit field %s: dropped", name, value, width,
			b->strings + f->name);
		return 0;
	}
	if (rb_enum_named(b, name)) {
		rb_warn(b, line, "field %s has two values named %s: the "
			"second is dropped", b->strings + f->name, name);
		return 0;
	}
	if (b->nomem)
		return rb_nomem(e);
	if (b->nenums >= REGDB_MAX_ENUMS)
		return rb_fail(b, e, line, "more than %u enumerated values",
			       REGDB_MAX_ENUMS);
	if (!grow((void **)&b->enums, &b->cap_enums, b->nenums + 1,
		  sizeof(*b->enums)))
		return rb_nomem(e);
	v = &b->enums[b->nenums];
	memset(v, 0, sizeof(*v));
	v->value = value;
	v->name = rb_string(b, name);
	v->desc = rb_string(b, desc);
	if (b->nomem)
		return rb_nomem(e);
	b->nenums++;
	f->nenums++;
	b->ehash[enum_slot(b, name)] = (uint32_t)b->nenums;
	b->ehcount++;
	return 0;
}

/* qsort has no context argument: the arrays being sorted. */
static const struct image_reg *sort_regs;
static const char *sort_strings;

static int by_address(const void *a, const void *b)
{
	const struct image_reg *x = a, *y = b;

	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	/* Stable: the order of the description (line numbers grow). */
	return x->line < y->line ? -1 : x->line > y->line;
}

static int by_full(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int d = name_cmp(sort_strings + sort_regs[x].name,
			 sort_strings + sort_regs[y].name);

	return d ? d : (x > y) - (x < y);
}

static int by_short(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int d = name_cmp(short_name(sort_strings + sort_regs[x].name),
			 short_name(sort_strings + sort_regs[y].name));

	return d ? d : (x > y) - (x < y);
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Sort, check names are unique, and lay the image out. */
static int rb_finish(struct regdb_builder *b, enum regdb_format format,
		     struct regdb *db, struct error *e)
{
	struct image_header *h;
	size_t off, regs_off, fields_off, enums_off, name_off, short_off,
	       str_off;
	uint32_t *by_name, *by_sh;

	if (b->nregs > 1)
		qsort(b->regs, b->nregs, sizeof(*b->regs), by_address);
	regs_off = align8(sizeof(*h));
	fields_off = regs_off + b->nregs * sizeof(*b->regs);
	enums_off = fields_off + b->nfields * sizeof(*b->fields);
	name_off = enums_off + b->nenums * sizeof(*b->enums);
	short_off = align8(name_off + b->nregs * sizeof(uint32_t));
	str_off = align8(short_off + b->nregs * sizeof(uint32_t));
	off = align8(str_off + b->slen);
	db->image = calloc(1, off);
	if (!db->image)
		return rb_nomem(e);
	db->size = off;
	h = (struct image_header *)db->image;
	memcpy(h->magic, IMAGE_MAGIC, 8);
	h->version = IMAGE_VERSION;
	h->byte_order = IMAGE_ORDER;
	h->size = off;
	h->format = format;
	h->nregs = (uint32_t)b->nregs;
	h->nfields = (uint32_t)b->nfields;
	h->nenums = (uint32_t)b->nenums;
	h->strings_size = (uint32_t)b->slen;
	h->regs_off = regs_off;
	h->fields_off = fields_off;
	h->enums_off = enums_off;
	h->by_name_off = name_off;
	h->by_short_off = short_off;
	h->strings_off = str_off;
	if (b->nregs)
		memcpy(db->image + regs_off, b->regs,
		       b->nregs * sizeof(*b->regs));
	if (b->nfields)
		memcpy(db->image + fields_off, b->fields,
		       b->nfields * sizeof(*b->fields));
	if (b->nenums)
		memcpy(db->image + enums_off, b->enums,
		       b->nenums * sizeof(*b->enums));
	memcpy(db->image + str_off, b->strings, b->slen);

	by_name = (uint32_t *)(db->image + name_off);
	by_sh = (uint32_t *)(db->image + short_off);
	for (uint32_t i = 0; i < b->nregs; i++)
		by_name[i] = by_sh[i] = i;
	sort_regs = b->regs;
	sort_strings = b->strings;
	qsort(by_name, b->nregs, sizeof(*by_name), by_full);
	qsort(by_sh, b->nregs, sizeof(*by_sh), by_short);
	for (size_t i = 1; i < b->nregs; i++) {
		const struct image_reg *x = &b->regs[by_name[i - 1]],
				       *y = &b->regs[by_name[i]];

		if (name_cmp(b->strings + x->name, b->strings + y->name) == 0)
			return rb_fail(b, e, x->line > y->line ? x->line
				       : y->line, "register %s is described "
				       "twice (lines %u and %u)",
				       b->strings + y->name,
				       x->line < y->line ? x->line : y->line,
				       x->line > y->line ? x->line : y->line);
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* The image: pointers into it, and checks that make a bad one harmless. */

static void image_attach(struct regdb *db)
{
	const struct image_header *h = (const void *)db->image;

	db->h = h;
	db->regs = (const void *)(db->image + h->regs_off);
	db->fields = (const void *)(db->image + h->fields_off);
	db->enums = (const void *)(db->image + h->enums_off);
	db->by_name = (const void *)(db->image + h->by_name_off);
	db->by_short = (const void *)(db->image + h->by_short_off);
	db->strings = (const char *)(db->image + h->strings_off);
}

/* A section of N records of SIZE bytes at OFF lies inside the image. */
static bool section_ok(uint64_t off, uint64_t n, size_t size, uint64_t total)
{
	return off % 8 == 0 && off <= total && n <= (total - off) / size;
}

/*
 * Check everything a reader follows: after this, no offset or index in the
 * image points outside it, every string ends, every count adds up.
 */
static bool image_valid(const unsigned char *p, size_t size)
{
	const struct image_header *h = (const void *)p;
	const struct image_reg *regs;
	const struct image_field *fields;
	const struct image_enum *enums;
	const uint32_t *idx;
	const char *s;
	uint32_t ss;

	if (size < sizeof(*h) || memcmp(h->magic, IMAGE_MAGIC, 8) != 0 ||
	    h->version != IMAGE_VERSION || h->byte_order != IMAGE_ORDER ||
	    h->size != size || h->format < REGDB_TEXT ||
	    h->format > REGDB_IPXACT)
		return false;
	if (!section_ok(h->regs_off, h->nregs, sizeof(*regs), size) ||
	    !section_ok(h->fields_off, h->nfields, sizeof(*fields), size) ||
	    !section_ok(h->enums_off, h->nenums, sizeof(*enums), size) ||
	    !section_ok(h->by_name_off, h->nregs, 4, size) ||
	    !section_ok(h->by_short_off, h->nregs, 4, size) ||
	    !section_ok(h->strings_off, h->strings_size, 1, size) ||
	    h->strings_off < sizeof(*h) || h->regs_off < sizeof(*h) ||
	    h->fields_off < sizeof(*h) || h->enums_off < sizeof(*h) ||
	    h->by_name_off < sizeof(*h) || h->by_short_off < sizeof(*h))
		return false;
	ss = h->strings_size;
	s = (const char *)(p + h->strings_off);
	if (ss == 0 || s[0] != '\0' || s[ss - 1] != '\0' || h->src_path >= ss)
		return false;
	regs = (const void *)(p + h->regs_off);
	fields = (const void *)(p + h->fields_off);
	enums = (const void *)(p + h->enums_off);
	for (uint32_t i = 0; i < h->nregs; i++) {
		const struct image_reg *r = &regs[i];

		if (r->name >= ss || r->desc >= ss || !s[r->name] ||
		    r->first_field > h->nfields ||
		    r->nfields > h->nfields - r->first_field ||
		    (r->width != 1 && r->width != 2 && r->width != 4 &&
		     r->width != 8) || r->access > REGDB_WO)
			return false;
	}
	for (uint32_t i = 0; i < h->nfields; i++) {
		const struct image_field *f = &fields[i];

		if (f->name >= ss || f->desc >= ss || !s[f->name] ||
		    f->first_enum > h->nenums ||
		    f->nenums > h->nenums - f->first_enum ||
		    f->hi > 63 || f->lo > f->hi || f->access > REGDB_WO ||
		    (f->flags >> REC_WMOD_SHIFT) > REGDB_W_MODIFY)
			return false;
	}
	for (uint32_t i = 0; i < h->nenums; i++)
		if (enums[i].name >= ss || enums[i].desc >= ss ||
		    !s[enums[i].name])
			return false;
	/* The name indexes: in range, and sorted, as a search assumes. */
	idx = (const void *)(p + h->by_name_off);
	for (uint32_t i = 0; i < h->nregs; i++)
		if (idx[i] >= h->nregs || (i && name_cmp(s + regs[idx[i - 1]].name,
						      s + regs[idx[i]].name) > 0))
			return false;
	idx = (const void *)(p + h->by_short_off);
	for (uint32_t i = 0; i < h->nregs; i++)
		if (idx[i] >= h->nregs ||
		    (i && name_cmp(short_name(s + regs[idx[i - 1]].name),
				   short_name(s + regs[idx[i]].name)) > 0))
			return false;
	return true;
}

/* ---------------------------------------------------------------------- */
/* Loading. */

/* Skip blanks, a byte-order mark, the XML declaration, comments, DOCTYPE. */
static enum regdb_format sniff(const char *p, size_t len)
{
	const char *end = p + len;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
			   *p == '\n'))
		p++;
	return p < end && *p == '<' ? REGDB_SVD : REGDB_TEXT;
}

static int parse_into(struct regdb_builder *b, const char *name,
		      const char *data, size_t len, enum regdb_format *format,
		      struct error *e)
{
	struct xml_doc *doc;
	const struct xml_node *root;
	int rc;

	if (*format == REGDB_AUTO)
		*format = sniff(data, len);
	if (*format == REGDB_TEXT)
		return regdb_text_parse(b, data, len, e);
	if (xml_parse(name, data, len, &doc, e))
		return -1;
	root = xml_root(doc);
	if (strcmp(root->name, "device") == 0 && root->ns == XML_NS_NONE) {
		*format = REGDB_SVD;
		rc = regdb_svd_parse(b, root, e);
	} else if (strcmp(root->name, "component") == 0 &&
		   (root->ns == XML_NS_IPXACT || root->ns == XML_NS_SPIRIT)) {
		*format = REGDB_IPXACT;
		rc = regdb_ipxact_parse(b, root, e);
	} else {
		rc = rb_fail(b, e, root->line, "the root element is <%s>, "
			     "neither a CMSIS-SVD <device> nor an IP-XACT "
			     "(1685-2014 or 1685-2009) <component>",
			     root->name);
	}
	xml_free(doc);
	return rc;
}

static struct regdb *db_new(const char *path)
{
	struct regdb *db = calloc(1, sizeof(*db));

	if (!db)
		return NULL;
	db->path = strdup(path);
	if (!db->path) {
		free(db);
		return NULL;
	}
	return db;
}

bool rb_access(struct regdb_builder *b, unsigned line, const char *text,
	       enum regdb_access *a)
{
	static const struct {
		const char *name;
		enum regdb_access a;
	} names[] = {
		{ "read-write", REGDB_RW }, { "read-only", REGDB_RO },
		{ "write-only", REGDB_WO }, { "writeOnce", REGDB_WO },
		{ "read-writeOnce", REGDB_RW },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(text, names[i].name) == 0) {
			if (strcmp(text, names[i].name))
				rb_warn(b, line, "access '%s' read as '%s'",
					text, names[i].name);
			*a = names[i].a;
			return true;
		}
	/* 'write' and the like: what it would mean is a guess. */
	rb_warn(b, line, "unknown access '%.64s' ignored: the access "
		"inherited (else read-write) stays", text);
	return false;
}

/* The errata B collected go with DB, which is built. */
static void take_problems(struct regdb *db, struct regdb_builder *b)
{
	db->problems = b->problems;
	db->nproblems = b->nproblems;
	db->nkept = b->nkept;
	b->problems = NULL;
	b->nkept = 0;
}

/* Parse into a fresh image; KEY (may be NULL) becomes its cache key. */
static int parse_image(const char *name, const char *data, size_t len,
		       enum regdb_format format, const struct stat *key,
		       const char *abs_path, struct regdb **out,
		       struct error *e)
{
	struct regdb_builder *b = rb_new(name);
	struct regdb *db = db_new(name);
	uint32_t path_off = 0;
	int rc;

	if (!b || !db) {
		rb_free(b);
		regdb_free(db);
		return rb_nomem(e);
	}
	rc = parse_into(b, name, data, len, &format, e);
	if (rc == 0 && abs_path) {
		path_off = rb_string(b, abs_path);
		if (b->nomem)
			rc = rb_nomem(e);
	}
	if (rc == 0)
		rc = rb_finish(b, format, db, e);
	if (rc == 0)
		take_problems(db, b);
	rb_free(b);
	if (rc) {
		regdb_free(db);
		return -1;
	}
	image_attach(db);
	if (key) {
		struct image_header *h = (struct image_header *)db->image;

		h->src_path = path_off;
		h->src_size = (uint64_t)key->st_size;
		h->src_mtime_sec = key->st_mtim.tv_sec;
		h->src_mtime_nsec = key->st_mtim.tv_nsec;
		h->src_ctime_sec = key->st_ctim.tv_sec;
		h->src_ctime_nsec = key->st_ctim.tv_nsec;
		h->src_ino = key->st_ino;
		h->src_dev = key->st_dev;
	}
	*out = db;
	return 0;
}

int regdb_parse(const char *name, const char *data, size_t len,
		enum regdb_format format, struct regdb **db, struct error *e)
{
	return parse_image(name, data, len, format, NULL, NULL, db, e);
}

int regdb_build(const char *name, int (*fill)(struct regdb_builder *b,
					      void *arg, struct error *e),
		void *arg, const char *extra, struct regdb **out,
		struct error *e)
{
	struct regdb_builder *b = rb_new(name);
	struct regdb *db = db_new(name);
	enum regdb_format format = REGDB_TEXT;
	char *data = NULL;
	size_t len;
	int rc, fd;

	if (!b || !db) {
		rb_free(b);
		regdb_free(db);
		return rb_nomem(e);
	}
	b->builtin = true;
	rc = fill(b, arg, e);
	b->builtin = false;
	if (rc == 0 && extra) {
		/* -r beside the built-in names: the caller's file. */
		fd = caller_open(extra, O_RDONLY | O_CLOEXEC, 0);
		if (fd < 0)
			rc = error_set(e, EXIT_USAGE, "cannot open %s: %s",
				       extra, strerror(errno));
		else {
			rc = readfile_fd(fd, extra, REGDB_FILE_MAX, 0,
					 EXIT_USAGE, &data, &len, e);
			close(fd);
		}
		b->file = extra;
		format = REGDB_AUTO;
		if (rc == 0)
			rc = parse_into(b, extra, data, len, &format, e);
		free(data);
	}
	if (rc == 0)
		rc = rb_finish(b, format, db, e);
	if (rc == 0)
		take_problems(db, b);	/* -r's errata */
	rb_free(b);
	if (rc) {
		regdb_free(db);
		return -1;
	}
	image_attach(db);
	*out = db;
	return 0;
}

/* The cache directory: $XDG_CACHE_HOME/iomap or ~/.cache/iomap. */
static bool cache_dir(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, len, "%s/iomap", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, len, "%s/.cache/iomap", home);
	else
		return false;
	return n > 0 && (size_t)n < len;
}

/* The cache file for the description at ABS_PATH. */
static bool cache_file(const char *abs_path, char *buf, size_t len)
{
	char dir[PATH_MAX];
	int n;

	if (!cache_dir(dir, sizeof(dir)))
		return false;
	n = snprintf(buf, len, "%s/%016" PRIx64 ".regdb", dir,
		     hash_str(abs_path, strlen(abs_path)));
	return n > 0 && (size_t)n < len;
}

static bool key_matches(const struct regdb *db, const struct stat *st,
			const char *abs_path)
{
	const struct image_header *h = db->h;

	return h->src_size == (uint64_t)st->st_size &&
	       h->src_mtime_sec == st->st_mtim.tv_sec &&
	       h->src_mtime_nsec == st->st_mtim.tv_nsec &&
	       h->src_ctime_sec == st->st_ctim.tv_sec &&
	       h->src_ctime_nsec == st->st_ctim.tv_nsec &&
	       h->src_ino == st->st_ino && h->src_dev == st->st_dev &&
	       strcmp(db->strings + h->src_path, abs_path) == 0;
}

/*
 * Map the compiled index of ABS_PATH if it is there, ours, intact and
 * compiled from the file as it is now (ST); NULL otherwise.
 */
static struct regdb *cache_read(const char *path, const char *abs_path,
				const struct stat *st)
{
	char file[PATH_MAX];
	struct stat cs;
	struct regdb *db;
	void *p;
	int fd;

	if (!cache_file(abs_path, file, sizeof(file)))
		return NULL;
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	/* Only a regular file of our own that nobody else could write. */
	if (fstat(fd, &cs) || !S_ISREG(cs.st_mode) ||
	    cs.st_uid != geteuid() || (cs.st_mode & 022) ||
	    cs.st_size < (off_t)sizeof(struct image_header) ||
	    (uint64_t)cs.st_size > SIZE_MAX) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t)cs.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	db = db_new(path);
	if (!db || !image_valid(p, (size_t)cs.st_size)) {
		munmap(p, (size_t)cs.st_size);
		regdb_free(db);
		return NULL;
	}
	db->image = p;
	db->size = (size_t)cs.st_size;
	db->mapped = true;
	image_attach(db);
	if (!key_matches(db, st, abs_path)) {
		regdb_free(db);
		return NULL;
	}
	return db;
}

/*
 * Make sure DIR (the cache's iomap directory) is there: create it and the
 * cache directory above it (mode 0700), but nothing higher up: a missing
 * home directory stays missing.
 */
static bool make_dirs(char *dir)
{
	char *slash = strrchr(dir, '/');
	struct stat st;
	bool ok;

	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode);
	if (!slash || slash == dir)
		return false;
	*slash = '\0';
	ok = mkdir(dir, 0700) == 0 || errno == EEXIST;
	*slash = '/';
	return ok && (mkdir(dir, 0700) == 0 || errno == EEXIST);
}

int regdb_open_image(const void *p, size_t len, struct regdb **out)
{
	struct regdb *db;

	if (len < sizeof(struct image_header))
		return -1;
	db = db_new("image");
	if (!db)
		return -1;
	db->image = malloc(len);
	if (!db->image) {
		regdb_free(db);
		return -1;
	}
	memcpy(db->image, p, len);
	db->size = len;
	if (!image_valid(db->image, len)) {
		regdb_free(db);
		return -1;
	}
	image_attach(db);
	*out = db;
	return 0;
}

/* Write DB's image as the compiled index of ABS_PATH: temp file, rename. */
static void cache_write(const struct regdb *db, const char *abs_path)
{
	char dir[PATH_MAX], file[PATH_MAX], tmp[PATH_MAX + 16];
	const unsigned char *p = db->image;
	size_t left = db->size;
	int fd;

	if (!cache_dir(dir, sizeof(dir)) || !make_dirs(dir) ||
	    !cache_file(abs_path, file, sizeof(file)))
		return;
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", file);
	fd = mkstemp(tmp);
	if (fd < 0)
		return;
	while (left) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		p += n;
		left -= (size_t)n;
	}
	if (close(fd) || left || rename(tmp, file))
		unlink(tmp);
}

static int load_as_caller(const char *path, unsigned flags,
			  struct regdb **out, struct error *e)
{
	char *abs_path = NULL, *data;
	struct stat st;
	size_t len;
	int fd, err = 0, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		err = errno;
		if (fd >= 0)
			close(fd);
		return error_set(e, EXIT_USAGE, "cannot open %s: %s", path,
				 strerror(err));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return error_set(e, EXIT_USAGE, "cannot read %s: %s", path,
				 strerror(EISDIR));
	}
	if (!(flags & REGDB_NO_CACHE) && S_ISREG(st.st_mode)) {
		abs_path = realpath(path, NULL);
		if (abs_path) {
			*out = cache_read(path, abs_path, &st);
			if (*out) {
				free(abs_path);
				close(fd);
				return 0;
			}
		}
	}
	rc = readfile_fd(fd, path, REGDB_FILE_MAX,
			 S_ISREG(st.st_mode) ? (size_t)st.st_size : 0,
			 EXIT_USAGE, &data, &len, e);
	close(fd);
	if (rc) {
		free(abs_path);
		return -1;
	}
	rc = parse_image(path, data, len, REGDB_AUTO, &st, abs_path, out, e);
	free(data);
	if (rc == 0 && abs_path)
		cache_write(*out, abs_path);
	free(abs_path);
	return rc;
}

/*
 * The caller names the description, and the cache is the caller's: both
 * are opened, created and read with the caller's own rights.
 */
int regdb_load(const char *path, unsigned flags, struct regdb **out,
	       struct error *e)
{
	int rc;

	if (caller_drop())
		return error_set(e, EXIT_FAIL, "cannot drop the privilege to "
				 "read %s: %s", path, strerror(errno));
	rc = load_as_caller(path, flags, out, e);
	caller_restore();
	return rc;
}

void regdb_free(struct regdb *db)
{
	if (!db)
		return;
	if (db->mapped)
		munmap(db->image, db->size);
	else
		free(db->image);
	problems_free(db->problems, db->nkept);
	free(db->path);
	free(db);
}

size_t regdb_problems(const struct regdb *db)
{
	return db->nproblems;
}

size_t regdb_problems_kept(const struct regdb *db)
{
	return db->nkept;
}

const char *regdb_problem(const struct regdb *db, size_t i, unsigned *line)
{
	*line = db->problems[i].line;
	return db->problems[i].msg;
}

const char *regdb_path(const struct regdb *db)
{
	return db->path;
}

/* ---------------------------------------------------------------------- */
/* Reading the model. */

size_t regdb_count(const struct regdb *db)
{
	return db->h->nregs;
}

void regdb_reg(const struct regdb *db, size_t i, struct regdb_reg *r)
{
	const struct image_reg *ir = &db->regs[i];

	r->index = i;
	r->name = db->strings + ir->name;
	r->desc = db->strings + ir->desc;
	r->address = ir->address;
	r->width = ir->width;
	r->access = (enum regdb_access)ir->access;
	r->side_effects = ir->flags & REC_SIDE_EFFECTS;
	r->has_reset = ir->flags & REC_HAS_RESET;
	r->reset = ir->reset;
	r->line = ir->line;
	r->nfields = ir->nfields;
	r->first_field = ir->first_field;
}

void regdb_field(const struct regdb *db, const struct regdb_reg *r, size_t j,
		 struct regdb_field *f)
{
	const struct image_field *fi = &db->fields[r->first_field + j];

	f->name = db->strings + fi->name;
	f->desc = db->strings + fi->desc;
	f->hi = fi->hi;
	f->lo = fi->lo;
	f->access = (enum regdb_access)fi->access;
	f->side_effects = fi->flags & REC_SIDE_EFFECTS;
	f->wmod = (enum regdb_wmod)(fi->flags >> REC_WMOD_SHIFT);
	f->wc_range = fi->flags & REC_WC_RANGE;
	f->wc_enums = fi->flags & REC_WC_ENUMS;
	f->wc_min = fi->wc_min;
	f->wc_max = fi->wc_max;
	f->nenums = fi->nenums;
	f->first_enum = fi->first_enum;
}

void regdb_enum(const struct regdb *db, const struct regdb_field *f, size_t k,
		struct regdb_enum *v)
{
	const struct image_enum *ie = &db->enums[f->first_enum + k];

	v->name = db->strings + ie->name;
	v->desc = db->strings + ie->desc;
	v->value = ie->value;
}

const char *regdb_access_name(enum regdb_access a)
{
	return a == REGDB_RO ? "ro" : a == REGDB_WO ? "wo" : "rw";
}

const char *regdb_wmod_name(enum regdb_wmod w)
{
	static const char *const names[] = {
		[REGDB_W_ONE_CLEAR] = "oneToClear",
		[REGDB_W_ONE_SET] = "oneToSet",
		[REGDB_W_ONE_TOGGLE] = "oneToToggle",
		[REGDB_W_ZERO_CLEAR] = "zeroToClear",
		[REGDB_W_ZERO_SET] = "zeroToSet",
		[REGDB_W_ZERO_TOGGLE] = "zeroToToggle",
		[REGDB_W_CLEAR] = "clear",
		[REGDB_W_SET] = "set",
		[REGDB_W_MODIFY] = "modify",
	};

	return (unsigned)w < sizeof(names) / sizeof(names[0]) ? names[w]
								 : NULL;
}

bool regdb_write_allowed(const struct regdb *db, const struct regdb_field *f,
			 uint64_t value)
{
	if (f->wc_range && (value < f->wc_min || value > f->wc_max))
		return false;
	if (f->wc_enums && f->nenums && !regdb_enum_name(db, f, value))
		return false;
	return true;
}

void regdb_write_safe(const struct regdb *db, const struct regdb_reg *r,
		      uint64_t *mask, uint64_t *value)
{
	*mask = *value = 0;
	for (size_t j = 0; j < r->nfields; j++) {
		struct regdb_field f;
		uint64_t bits;

		regdb_field(db, r, j, &f);
		bits = (f.hi - f.lo >= 63 ? UINT64_MAX
		       : ((uint64_t)1 << (f.hi - f.lo + 1)) - 1) << f.lo;
		switch (f.wmod) {
		case REGDB_W_ONE_CLEAR:
		case REGDB_W_ONE_SET:
		case REGDB_W_ONE_TOGGLE:
			*mask |= bits;		/* 0 does nothing */
			break;
		case REGDB_W_ZERO_CLEAR:
		case REGDB_W_ZERO_SET:
		case REGDB_W_ZERO_TOGGLE:
			*mask |= bits;		/* 1 does nothing */
			*value |= bits;
			break;
		default:
			break;
		}
	}
}

bool regdb_match(const struct regdb *db, size_t i, const char *pattern)
{
	const char *name = db->strings + db->regs[i].name;

	return fnmatch(pattern, name, FNM_CASEFOLD) == 0 ||
	       fnmatch(pattern, short_name(name), FNM_CASEFOLD) == 0;
}

int regdb_enum_value(const struct regdb *db, const struct regdb_field *f,
		     const char *name, uint64_t *value)
{
	for (size_t k = 0; k < f->nenums; k++) {
		const struct image_enum *ie = &db->enums[f->first_enum + k];

		if (name_cmp(db->strings + ie->name, name) == 0) {
			*value = ie->value;
			return 0;
		}
	}
	return -1;
}

const char *regdb_enum_name(const struct regdb *db,
			    const struct regdb_field *f, uint64_t value)
{
	for (size_t k = 0; k < f->nenums; k++) {
		const struct image_enum *ie = &db->enums[f->first_enum + k];

		if (ie->value == value)
			return db->strings + ie->name;
	}
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Lookups. */

static const char *reg_name(const struct regdb *db, uint32_t i)
{
	return db->strings + db->regs[i].name;
}

/*
 * The range [*lo, *hi) of index IDX (by_name or by_short, SHORT telling
 * which) whose names start with the N bytes of KEY; with EXACT, whose names
 * equal them.
 */
static void index_range(const struct regdb *db, const uint32_t *idx,
			bool shrt, const char *key, size_t n, bool exact,
			size_t *lo, size_t *hi)
{
	size_t a = 0, b = db->h->nregs;

	/* First name >= KEY (compared on N bytes). */
	while (a < b) {
		size_t m = a + (b - a) / 2;
		const char *s = reg_name(db, idx[m]);

		if (shrt)
			s = short_name(s);
		if (name_ncmp(s, key, n) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = db->h->nregs;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		const char *s = reg_name(db, idx[m]);

		if (shrt)
			s = short_name(s);
		if (name_ncmp(s, key, n) <= 0)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
	if (exact) {
		/* Keep those whose names end after N bytes. */
		size_t w = *lo;

		while (w < *hi) {
			const char *s = reg_name(db, idx[w]);

			if (shrt)
				s = short_name(s);
			if (name_ncmp(s, key, n) == 0 && s[n] == '\0')
				break;
			w++;
		}
		*lo = w;
		while (w < *hi) {
			const char *s = reg_name(db, idx[w]);

			if (shrt)
				s = short_name(s);
			if (name_ncmp(s, key, n) != 0 || s[n] != '\0')
				break;
			w++;
		}
		*hi = w;
	}
}

/* The field of register REG called NAME, or -1. */
static long field_index(const struct regdb *db, uint32_t reg, const char *name)
{
	const struct image_reg *r = &db->regs[reg];

	for (uint32_t j = 0; j < r->nfields; j++)
		if (name_cmp(db->strings +
			     db->fields[r->first_field + j].name, name) == 0)
			return (long)j;
	return -1;
}

struct candidates {
	struct regdb_ref ref[8];
	size_t n;		/* may exceed 8: only counted then */
};

static void add_candidate(struct candidates *c, size_t reg, long field)
{
	for (size_t i = 0; i < c->n && i < 8; i++)
		if (c->ref[i].reg == reg && c->ref[i].field == field)
			return;
	if (c->n < 8) {
		c->ref[c->n].reg = reg;
		c->ref[c->n].field = field;
	}
	c->n++;
}

/* Every reading of NAME through index IDX: a register, or REG.FIELD. */
static void find_candidates(const struct regdb *db, const char *name,
			    bool shrt, struct candidates *c)
{
	const uint32_t *idx = shrt ? db->by_short : db->by_name;
	size_t n = strlen(name), lo, hi;

	index_range(db, idx, shrt, name, n, true, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		add_candidate(c, idx[i], -1);
	for (size_t dot = n; dot-- > 0;) {
		if (name[dot] != '.')
			continue;
		index_range(db, idx, shrt, name, dot, true, &lo, &hi);
		for (size_t i = lo; i < hi; i++) {
			long f = field_index(db, idx[i], name + dot + 1);

			if (f >= 0)
				add_candidate(c, idx[i], f);
		}
	}
}

static void ref_name(const struct regdb *db, const struct regdb_ref *r,
		     char *buf, size_t len)
{
	const struct image_reg *ir = &db->regs[r->reg];

	if (r->field < 0)
		snprintf(buf, len, "%s", db->strings + ir->name);
	else
		snprintf(buf, len, "%s.%s", db->strings + ir->name,
			 db->strings +
			 db->fields[ir->first_field + r->field].name);
}

/*
 * Edit distance (insertions, deletions, substitutions and transpositions of
 * neighbours), without regard to case, capped at CAP.
 */
static size_t distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t rows[3][REGDB_MAX_NAME + 2];
	size_t *prev2 = rows[0], *prev = rows[1], *row = rows[2];

	if (la > REGDB_MAX_NAME || lb > REGDB_MAX_NAME)
		return cap;
	if ((la > lb ? la - lb : lb - la) >= cap)
		return cap;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best, *t;

		row[0] = best = i;
		for (size_t j = 1; j <= lb; j++) {
			int ca = fold((unsigned char)a[i - 1]),
			    cb = fold((unsigned char)b[j - 1]);
			size_t v = prev[j - 1] + (ca != cb);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) == cb &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best >= cap)
			return cap;
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	return prev[lb] < cap ? prev[lb] : cap;
}

struct suggestion {
	char name[REGDB_MAX_NAME * 2 + 2];
	size_t dist;
};

/* Keep NAME among the MAX nearest in S (sorted, nearest first). */
static void consider(struct suggestion *s, size_t *n, size_t max,
		     const char *name, size_t dist)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (name_cmp(s[i].name, name) == 0)
			return;
	if (*n == max && dist >= s[max - 1].dist)
		return;
	i = *n < max ? (*n)++ : max - 1;
	while (i > 0 && s[i - 1].dist > dist) {
		s[i] = s[i - 1];
		i--;
	}
	snprintf(s[i].name, sizeof(s[i].name), "%s", name);
	s[i].dist = dist;
}

#define SUGGEST_MAX 4

/*
 * Of the N suggestions in S for what was typed (LEN characters), the
 * nearest, and for longer names those one edit further too.
 */
static size_t keep_nearest(const struct suggestion *s, size_t n, size_t len)
{
	size_t k = 0, slack = len >= 5 ? 1 : 0;

	while (k < n && s[k].dist <= s[0].dist + slack)
		k++;
	return k;
}

/* How far a name may be from what was typed and still be suggested. */
static size_t suggest_cap(const char *name)
{
	size_t n = strlen(name) / 3 + 1;

	return n < 3 ? 3 : n;
}

/*
 * The nearest names to NAME: registers (full and without the block), and
 * when NAME starts with a known register, that register's fields.
 */
static size_t nearest(const struct regdb *db, const char *name,
		      bool fields_only, struct suggestion *s)
{
	size_t n = 0, cap = suggest_cap(name), len = strlen(name);
	char full[REGDB_MAX_NAME * 2 + 2];
	bool dotted = strchr(name, '.') != NULL;

	for (size_t dot = len; dot-- > 0;) {
		struct candidates c = { .n = 0 };
		size_t fcap = suggest_cap(name + dot + 1);
		char *head;

		if (name[dot] != '.')
			continue;
		head = strndup(name, dot);
		if (!head)
			return n;
		find_candidates(db, head, false, &c);
		if (c.n == 0)
			find_candidates(db, head, true, &c);
		free(head);
		for (size_t i = 0; i < c.n && i < 8; i++) {
			const struct image_reg *r = &db->regs[c.ref[i].reg];

			if (c.ref[i].field >= 0)
				continue;
			for (uint32_t j = 0; j < r->nfields; j++) {
				const char *f = db->strings +
					db->fields[r->first_field + j].name;
				size_t d = distance(name + dot + 1, f, fcap);

				if (d >= fcap)
					continue;
				snprintf(full, sizeof(full), "%s.%s",
					 db->strings + r->name, f);
				consider(s, &n, SUGGEST_MAX, full, d);
			}
		}
		if (n || fields_only)
			return n ? keep_nearest(s, n, strlen(name + dot + 1))
				 : 0;
	}
	for (uint32_t i = 0; i < db->h->nregs; i++) {
		const struct image_reg *r = &db->regs[i];
		const char *full_name = reg_name(db, i);
		size_t d = distance(name, full_name, cap),
		       d2 = distance(name, short_name(full_name), cap);

		if (d2 < d)
			d = d2;
		if (d < cap)
			consider(s, &n, SUGGEST_MAX, full_name, d);
		/* A dotted name may be a misspelt REG.FIELD. */
		for (uint32_t j = 0; dotted && j < r->nfields; j++) {
			snprintf(full, sizeof(full), "%s.%s", full_name,
				 db->strings + db->fields[r->first_field + j].name);
			d = distance(name, full, cap);
			d2 = distance(name, short_name(full), cap);
			if (d2 < d)
				d = d2;
			if (d < cap)
				consider(s, &n, SUGGEST_MAX, full, d);
		}
	}
	return keep_nearest(s, n, len);
}

size_t regdb_suggest(const struct regdb *db, const char *name,
		     const char **out, size_t max)
{
	static struct suggestion s[SUGGEST_MAX];
	size_t n = nearest(db, name, false, s);

	for (size_t i = 0; i < n && i < max; i++)
		out[i] = s[i].name;
	return n < max ? n : max;
}

static void hint_fields(const struct regdb *db, size_t reg, struct error *e);

int regdb_lookup(const struct regdb *db, const char *name,
		 struct regdb_ref *ref, struct error *e)
{
	return regdb_lookup_where(db, name, NULL, NULL, ref, e);
}

int regdb_lookup_where(const struct regdb *db, const char *name,
		       bool (*usable)(const struct regdb_reg *r, void *arg),
		       void *arg, struct regdb_ref *ref, struct error *e)
{
	struct candidates c = { .n = 0 };
	char buf[REGDB_MAX_NAME * 2 + 2];
	bool field_missing = false;
	size_t missing_in = 0;

	find_candidates(db, name, false, &c);
	if (c.n == 0)
		find_candidates(db, name, true, &c);
	if (c.n == 1) {
		*ref = c.ref[0];
		return 0;
	}
	if (c.n > 1 && c.n <= 8 && usable) {
		size_t found = 0, pick = 0;

		for (size_t i = 0; i < c.n; i++) {
			struct regdb_reg r;

			regdb_reg(db, c.ref[i].reg, &r);
			if (usable(&r, arg)) {
				found++;
				pick = i;
			}
		}
		if (found == 1) {
			*ref = c.ref[pick];
			return 0;
		}
	}
	if (c.n > 1) {
		char list[1024] = "";
		size_t len = 0;

		for (size_t i = 0; i < c.n && i < 8; i++) {
			ref_name(db, &c.ref[i], buf, sizeof(buf));
			len += (size_t)snprintf(list + len, len < sizeof(list)
						? sizeof(list) - len : 0,
						"%s%s", i ? ", " : "", buf);
			if (len >= sizeof(list))
				break;
		}
		error_set(e, EXIT_USAGE, "'%s' is ambiguous in %s: it names "
			  "%zu registers or fields", name, db->path, c.n);
		error_hint(e, "candidates: %s%s", list, c.n > 8 ? ", ..." : "");
		return -1;
	}
	/* REG.FIELD where REG names one register: say so. */
	if (strrchr(name, '.')) {
		const char *dot = strrchr(name, '.');
		char *head = strndup(name, (size_t)(dot - name));
		struct candidates r = { .n = 0 };

		if (!head)
			return error_set(e, EXIT_FAIL, "out of memory");
		find_candidates(db, head, false, &r);
		if (r.n == 0)
			find_candidates(db, head, true, &r);
		free(head);
		if (r.n == 1 && r.ref[0].field < 0) {
			ref_name(db, &r.ref[0], buf, sizeof(buf));
			error_set(e, EXIT_USAGE, "register %s in %s has no "
				  "field '%s'", buf, db->path, dot + 1);
			field_missing = true;
			missing_in = r.ref[0].reg;
		}
	}
	if (!field_missing)
		error_set(e, EXIT_USAGE, "no register or field '%s' in %s",
			  name, db->path);
	{
		struct suggestion s[SUGGEST_MAX];
		size_t n = nearest(db, name, field_missing, s);
		char list[1024] = "";
		size_t len = 0;

		for (size_t i = 0; i < n; i++) {
			len += (size_t)snprintf(list + len, len < sizeof(list)
						? sizeof(list) - len : 0,
						"%s%s", i == 0 ? "" : i + 1 == n
						? " or " : ", ", s[i].name);
			if (len >= sizeof(list))
				break;
		}
		if (n)
			error_hint(e, "did you mean %s?", list);
		else if (field_missing)
			hint_fields(db, missing_in, e);
	}
	return -1;
}

/* The hint for a register without the field asked for: its fields. */
static void hint_fields(const struct regdb *db, size_t reg, struct error *e)
{
	const struct image_reg *r = &db->regs[reg];
	char list[1024] = "";
	size_t len = 0;

	for (uint32_t j = 0; j < r->nfields && len < sizeof(list); j++)
		len += (size_t)snprintf(list + len, sizeof(list) - len,
					"%s%s", j ? ", " : "", db->strings +
					db->fields[r->first_field + j].name);
	if (r->nfields)
		error_hint(e, "its fields: %s", list);
	else
		error_hint(e, "it has no fields");
}

/* ---------------------------------------------------------------------- */
/* Completion. */

static void complete_fields(const struct regdb *db, uint32_t reg,
			    const char *shown, const char *prefix,
			    void (*fn)(const char *, void *), void *arg)
{
	const struct image_reg *r = &db->regs[reg];
	size_t sl = strlen(shown), pl = strlen(prefix);
	char buf[REGDB_MAX_NAME * 2 + 2];

	for (uint32_t j = 0; j < r->nfields; j++) {
		snprintf(buf, sizeof(buf), "%s.%s", shown, db->strings +
			 db->fields[r->first_field + j].name);
		if (sl + 1 <= sizeof(buf) && name_ncmp(buf, prefix, pl) == 0)
			fn(buf, arg);
	}
}

void regdb_complete(const struct regdb *db, const char *prefix,
		    void (*fn)(const char *name, void *arg), void *arg)
{
	size_t n = strlen(prefix), lo, hi, slo, shi;

	/* Full register names. */
	index_range(db, db->by_name, false, prefix, n, false, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		fn(reg_name(db, db->by_name[i]), arg);
	/* Names without the block, where unique. */
	index_range(db, db->by_short, true, prefix, n, false, &slo, &shi);
	for (size_t i = slo; n && i < shi; i++) {
		const char *s = short_name(reg_name(db, db->by_short[i]));
		size_t a, b;

		index_range(db, db->by_short, true, s, strlen(s), true, &a, &b);
		if (b - a == 1 && s != reg_name(db, db->by_short[i]))
			fn(s, arg);
	}
	/* Fields of the registers the prefix names in full. */
	for (size_t dot = n + 1; dot-- > 0;) {
		if (dot < n && prefix[dot] != '.')
			continue;
		index_range(db, db->by_name, false, prefix, dot, true, &lo,
			    &hi);
		for (size_t i = lo; i < hi; i++)
			complete_fields(db, db->by_name[i],
					reg_name(db, db->by_name[i]), prefix,
					fn, arg);
		index_range(db, db->by_short, true, prefix, dot, true, &lo,
			    &hi);
		if (hi - lo == 1) {
			const char *full = reg_name(db, db->by_short[lo]);

			if (short_name(full) != full)
				complete_fields(db, db->by_short[lo],
						short_name(full), prefix, fn,
						arg);
		}
	}
}

/* ---------------------------------------------------------------------- */
/* Numbers in XML descriptions. */

static int digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

const char *regdb_xml_number(const char *s, unsigned flags, uint64_t *out)
{
	unsigned base = 10, shift = 0;
	uint64_t v = 0;
	bool any = false;
	const char *tick = strchr(s, '\''), *start;

	if (*s == '+')
		s++;
	if (tick) {
		/* Verilog: [WIDTH]'[s]B DIGITS; the width is ignored. */
		for (const char *p = s; p < tick; p++)
			if (*p < '0' || *p > '9')
				return "not a number";
		s = tick + 1;
		if (*s == 's' || *s == 'S')
			s++;
		switch (*s) {
		case 'h': case 'H': base = 16; break;
		case 'd': case 'D': base = 10; break;
		case 'b': case 'B': base = 2; break;
		case 'o': case 'O': base = 8; break;
		default: return "unknown base after '";
		}
		s++;
	} else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		s += 2;
	} else if (s[0] == '#') {
		base = (flags & XMLNUM_HASH_HEX) ? 16 : 2;
		s++;
	}
	for (start = s; *s; s++) {
		int d;

		if (*s == '_' && any)
			continue;
		d = digit(*s);
		if (d >= (int)base)
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return "too large (more than 64 bits)";
		v = v * base + (uint64_t)d;
		any = true;
	}
	if (!any)
		return base == 10 && start == s && !tick ? "not a number"
							: "no digits";
	switch (*s) {
	case 'k': case 'K': shift = 10; s++; break;
	case 'm': case 'M': shift = 20; s++; break;
	case 'g': case 'G': shift = 30; s++; break;
	case 't': case 'T': shift = 40; s++; break;
	}
	if (*s)
		return "trailing characters";
	if (shift && v > (UINT64_MAX >> shift))
		return "too large (more than 64 bits)";
	*out = v << shift;
	return NULL;
}
