// SPDX-License-Identifier: GPL-2.0-or-later
/* Running commands with their regions mapped once per session. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "xalloc.h"

struct session_map {
	struct region region;	/* the mapping points here: kept in place */
	struct mapping map;
	unsigned flags;
};

void session_init(struct session *s, bool hold_lock)
{
	memset(s, 0, sizeof(*s));
	s->hold_lock = hold_lock;
}

static bool same_region(const struct region *a, const struct region *b)
{
	return a == b || (strcmp(a->path, b->path) == 0 &&
			  a->file_offset == b->file_offset &&
			  a->bar == b->bar && strcmp(a->slot, b->slot) == 0 &&
			  a->size == b->size && a->kind == b->kind &&
			  a->flags == b->flags);
}

static unsigned mapping_flags(const struct session *s,
			      const struct invocation *inv, bool write)
{
	const struct options *o = &inv->opt;

	return (write ? MAPPING_WRITE : 0) |
	       (o->trace ? MAPPING_TRACE : 0) |
	       (o->dry_run ? MAPPING_DRY_RUN : 0) |
	       (o->lock ? (s->hold_lock ? MAPPING_LOCK_HOLD
					: MAPPING_LOCK_RMW) : 0);
}

/* --trace and --dry-run: each access on a line of standard error. */
static void trace_line(const char *line, void *arg)
{
	(void)arg;
	/* A register's name comes from outside: control characters shown. */
	error_write_escaped(stderr, line, strlen(line));
	fputc('\n', stderr);
}

static struct mapping *session_mapping(struct session *s,
				       const struct invocation *inv,
				       unsigned flags, struct error *e)
{
	struct session_map *sm = NULL;

	for (size_t i = 0; i < s->n; i++)
		if (same_region(&s->maps[i]->region, inv->region)) {
			sm = s->maps[i];
			break;
		}
	if (sm && sm->flags == flags)
		return &sm->map;
	if (sm) {
		/* Same region, other needs (write, trace): open it anew. */
		mapping_close(&sm->map);
	} else {
		sm = xcalloc(1, sizeof(*sm));
		s->maps = xreallocarray(s->maps, s->n + 1, sizeof(*s->maps));
		s->maps[s->n++] = sm;
		sm->region = *inv->region;
	}
	sm->flags = flags;
	if (mapping_open(&sm->map, &sm->region, flags, e)) {
		sm->map.fd = -1;
		sm->flags = ~0u;	/* try again next time */
		return NULL;
	}
	mapping_set_trace(&sm->map, trace_line, NULL);
	return &sm->map;
}

/* --trace: the register of the description at OFF, if one is. */
static const char *trace_name(void *arg, uint64_t off, unsigned width)
{
	const struct invocation *inv = arg;
	struct regdb_reg r;
	long i = operand_reg_at(inv->regdb, inv->region, off, width);

	if (i < 0)
		return NULL;
	regdb_reg(inv->regdb, (size_t)i, &r);
	return r.name;
}

int session_execute(struct session *s, struct invocation *inv, bool write,
		    struct error *e)
{
	const struct command *c = inv->opt.cmd;
	struct mapping *m = NULL;

	if (c->flags & CMD_REGION) {
		/* --trace names registers: the description, before access. */
		if ((inv->opt.trace || inv->opt.dry_run) &&
		    operand_regdb(inv, e))
			return -1;
		write = write || (c->flags & CMD_WRITES);
		m = session_mapping(s, inv, mapping_flags(s, inv, write), e);
		if (!m)
			return -1;
		m->trace_name = inv->regdb ? trace_name : NULL;
		m->trace_name_arg = inv;
	}
	return c->execute(inv, m, e);
}

void session_close(struct session *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->maps[i]->map.fd >= 0 || s->maps[i]->map.win)
			mapping_close(&s->maps[i]->map);
		free(s->maps[i]);
	}
	free(s->maps);
	s->maps = NULL;
	s->n = 0;
}
