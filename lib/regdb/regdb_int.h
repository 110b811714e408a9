/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inside the register descriptions: the builder parsers fill, and the XML tree. */
#ifndef IOMAP_REGDB_INT_H
#define IOMAP_REGDB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "regdb.h"

/* Bounds that keep a hostile file from exhausting memory. */
#define REGDB_MAX_REGS		(1u << 21)
#define REGDB_MAX_FIELDS	(1u << 23)
#define REGDB_MAX_ENUMS		(1u << 23)
#define REGDB_MAX_DIM		65536u
#define REGDB_MAX_NAME		1024u
/* Fields of one register (they may overlap, so more than its bits). */
#define REGDB_MAX_REG_FIELDS	256u

struct regdb_builder;

/*
 * Address arithmetic that refuses to wrap past 2^64: *R = A + B, or A * B;
 * true when the result does not fit (the parsers then refuse the element).
 */
static inline bool rb_add_wraps(uint64_t a, uint64_t b, uint64_t *r)
{
	return __builtin_add_overflow(a, b, r);
}

static inline bool rb_mul_wraps(uint64_t a, uint64_t b, uint64_t *r)
{
	return __builtin_mul_overflow(a, b, r);
}

/* A register as a parser hands it over. */
struct rb_reg {
	const char *name;	/* full name */
	const char *desc;	/* NULL or "" when none */
	uint64_t address;
	unsigned width;		/* bytes */
	enum regdb_access access;
	bool side_effects;
	bool has_reset;
	uint64_t reset;
	unsigned line;
};

/* A field of the register added last. */
struct rb_field {
	const char *name;
	const char *desc;
	unsigned hi, lo;
	enum regdb_access access;
	bool side_effects;	/* also marks the register */
	enum regdb_wmod wmod;
	bool wc_range, wc_enums;	/* writeConstraint */
	uint64_t wc_min, wc_max;
	unsigned line;
};

/* Add a register; checks its name and width. */
int rb_register(struct regdb_builder *b, const struct rb_reg *r,
		struct error *e);

/* Add a field to the last register; checks bits, overlaps and names. */
int rb_field(struct regdb_builder *b, const struct rb_field *f,
	     struct error *e);

/* Add an enumerated value to the last field; checks it fits the field. */
int rb_enum(struct regdb_builder *b, const char *name, uint64_t value,
	    const char *desc, unsigned line, struct error *e);

/*
 * The name of the last field's value called NAME without regard to case, or
 * NULL; the same cost however many values the field has.
 */
const char *rb_enum_named(struct regdb_builder *b, const char *name);

/* Set the reset value of the last register. */
void rb_set_reset(struct regdb_builder *b, uint64_t reset);

/*
 * Record an erratum at LINE: what the description breaks and how it is read
 * (dropped, renamed); the load goes on. iomap(1) lists every one.
 */
void rb_warn(struct regdb_builder *b, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The access TEXT names (SVD's and IP-XACT's names, matched without
 * regard to case) into *A; an erratum is noted at LINE when the case
 * differs, or when TEXT names none (false, *A left as it was).
 */
bool rb_access(struct regdb_builder *b, unsigned line, const char *text,
	       enum regdb_access *a);

/* Fill E with "FILE:LINE: MSG" (a usage error); always returns -1. */
int rb_fail(const struct regdb_builder *b, struct error *e, unsigned line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Nonzero when S is a valid name part: letters, digits, '_', '[', ']'. */
bool rb_valid_name(const char *s);

/*
 * A description from LEN bytes of compiled index at P (copied), as the cache
 * holds it; -1 when they are not a valid index. For the fuzz harness.
 */
int regdb_open_image(const void *p, size_t len, struct regdb **db);

/*
 * A description named NAME that FILL (called with ARG) builds, with the
 * description in the file EXTRA (NULL: none) parsed into it after, as
 * `-r FILE` adds a vendor's registers beside iomap's built-in ones.
 * FILL's enumerated values may be named with '.', '/' and '-' too.
 */
int regdb_build(const char *name, int (*fill)(struct regdb_builder *b,
					      void *arg, struct error *e),
		void *arg, const char *extra, struct regdb **db,
		struct error *e);

/* The parsers. */
int regdb_text_parse(struct regdb_builder *b, const char *data, size_t len,
		     struct error *e);

/* A node of a parsed XML document: element names without namespace. */
enum xml_ns {
	XML_NS_NONE = 0,
	XML_NS_IPXACT,		/* IEEE 1685-2014 (and 2022) ipxact: */
	XML_NS_SPIRIT,		/* IEEE 1685-2009 (and SPIRIT 1.x) spirit: */
	XML_NS_OTHER,
};

struct xml_attr {
	const char *name;	/* local name */
	const char *value;
};

struct xml_node {
	const char *name;	/* local name */
	const char *text;	/* character data, blanks collapsed; "" if none */
	struct xml_attr *attrs;
	struct xml_node *parent, *child, *next;
	enum xml_ns ns;
	unsigned line;
	unsigned nattrs;
};

struct xml_doc;

/*
 * Parse LEN bytes at DATA. Without an XML library configured this fails with
 * what to install.
 */
int xml_parse(const char *file, const char *data, size_t len,
	      struct xml_doc **doc, struct error *e);
const struct xml_node *xml_root(const struct xml_doc *doc);
void xml_free(struct xml_doc *doc);

/* The first child element called NAME, or NULL. */
const struct xml_node *xml_child(const struct xml_node *n, const char *name);

/* The value of attribute NAME, or NULL. */
const char *xml_attr(const struct xml_node *n, const char *name);

/* True when iomap was built with an XML library. */
bool xml_available(void);

int regdb_svd_parse(struct regdb_builder *b, const struct xml_node *root,
		    struct error *e);
int regdb_ipxact_parse(struct regdb_builder *b, const struct xml_node *root,
		       struct error *e);

/*
 * The numbers of SVD and IP-XACT: decimal, 0x hex, '#' (binary in SVD, hex
 * in IP-XACT), 0b binary, Verilog-style [N]'h/'d/'b/'o, '_' between digits,
 * an optional k/M/G/T scale. Returns NULL or a reason.
 */
enum { XMLNUM_HASH_HEX = 1 };
const char *regdb_xml_number(const char *s, unsigned flags, uint64_t *v);

#endif
