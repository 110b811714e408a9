// SPDX-License-Identifier: GPL-2.0-or-later
/* iomap's own text format of register descriptions (iomap(1)). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "regdb_int.h"

#define MAX_WORDS 512

/* What the lines so far have set up. */
struct text_state {
	struct regdb_builder *b;
	unsigned line;
	bool have_block, have_reg;
	char block[REGDB_MAX_NAME + 1];
	uint64_t base;
	enum regdb_access reg_access;
};

/* Split LINE (modified) into blank-separated words, up to '#'. */
static int split(char *line, char **w)
{
	int n = 0;

	for (char *p = line; *p && n < MAX_WORDS;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' &&
		       *p != '#')
			p++;
		if (*p == '#') {
			*p = '\0';
			break;
		}
		if (*p)
			*p++ = '\0';
	}
	return n;
}

static int number(struct text_state *t, const char *what, const char *s,
		  unsigned flags, uint64_t *v, struct error *e)
{
	const char *why = number_parse(s, v, flags);

	if (why)
		return rb_fail(t->b, e, t->line, "invalid %s '%s': %s", what,
			       s, why);
	return 0;
}

/* rw, ro, wo, rc; -1 when S is none of them. */
static int access_word(const char *s, enum regdb_access *a, bool *side)
{
	*side = false;
	if (strcmp(s, "rw") == 0)
		*a = REGDB_RW;
	else if (strcmp(s, "ro") == 0)
		*a = REGDB_RO;
	else if (strcmp(s, "wo") == 0)
		*a = REGDB_WO;
	else if (strcmp(s, "rc") == 0) {
		*a = REGDB_RO;
		*side = true;
	} else
		return -1;
	return 0;
}

static int check_name(struct text_state *t, const char *what, const char *s,
		      struct error *e)
{
	if (!rb_valid_name(s) || strchr(s, '[') || strchr(s, ']') ||
	    strlen(s) > REGDB_MAX_NAME / 2)
		return rb_fail(t->b, e, t->line, "invalid %s name '%s': use "
			       "letters, digits and '_'", what, s);
	return 0;
}

static int do_block(struct text_state *t, char **w, int n, struct error *e)
{
	if (n != 3)
		return rb_fail(t->b, e, t->line, "block takes NAME BASE");
	if (check_name(t, "block", w[1], e) ||
	    number(t, "base", w[2], NUMBER_SUFFIX, &t->base, e))
		return -1;
	snprintf(t->block, sizeof(t->block), "%s", w[1]);
	t->have_block = true;
	t->have_reg = false;
	return 0;
}

static int do_register(struct text_state *t, char **w, int n, struct error *e)
{
	char name[REGDB_MAX_NAME + 2];
	struct rb_reg r = { .width = 4, .access = REGDB_RW, .line = t->line };
	bool width_set = false, access_set = false;
	uint64_t offset, v;

	if (!t->have_block)
		return rb_fail(t->b, e, t->line, "register %s before any "
			       "block line", n > 1 ? w[1] : "");
	if (n < 3)
		return rb_fail(t->b, e, t->line, "register takes NAME OFFSET "
			       "[WIDTH] [ACCESS] [reset=VALUE]");
	if (check_name(t, "register", w[1], e) ||
	    number(t, "offset", w[2], NUMBER_SUFFIX, &offset, e))
		return -1;
	if (rb_add_wraps(t->base, offset, &r.address))
		return rb_fail(t->b, e, t->line, "register %s: offset %s from "
			       "block %s's base 0x%" PRIx64 " passes the end "
			       "of the 64-bit address space", w[1], w[2],
			       t->block, t->base);
	for (int i = 3; i < n; i++) {
		if (strncmp(w[i], "reset=", 6) == 0) {
			if (r.has_reset)
				return rb_fail(t->b, e, t->line, "reset "
					       "given twice");
			if (number(t, "reset value", w[i] + 6, 0, &r.reset, e))
				return -1;
			r.has_reset = true;
		} else if (access_word(w[i], &r.access, &r.side_effects) == 0) {
			if (access_set)
				return rb_fail(t->b, e, t->line, "access "
					       "given twice");
			access_set = true;
		} else if (w[i][0] >= '0' && w[i][0] <= '9') {
			if (width_set)
				return rb_fail(t->b, e, t->line, "width "
					       "given twice");
			if (number(t, "width", w[i], 0, &v, e))
				return -1;
			if (v != 8 && v != 16 && v != 32 && v != 64)
				return rb_fail(t->b, e, t->line, "invalid "
					       "width '%s': use 8, 16, 32 or "
					       "64", w[i]);
			r.width = (unsigned)v / 8;
			width_set = true;
		} else {
			return rb_fail(t->b, e, t->line, "unknown word '%s' "
				       "(WIDTH, rw, ro, wo, rc or reset=VALUE "
				       "may follow the offset)", w[i]);
		}
	}
	snprintf(name, sizeof(name), "%s.%s", t->block, w[1]);
	r.name = name;
	if (rb_register(t->b, &r, e))
		return -1;
	t->have_reg = true;
	t->reg_access = r.access;
	return 0;
}

/* HI[:LO], each a bit number. */
static int bits(struct text_state *t, const char *s, unsigned *hi,
		unsigned *lo, struct error *e)
{
	char buf[64], *colon;
	uint64_t h, l;

	if (strlen(s) >= sizeof(buf))
		return rb_fail(t->b, e, t->line, "invalid bits '%s'", s);
	strcpy(buf, s);
	colon = strchr(buf, ':');
	if (colon)
		*colon = '\0';
	if (number(t, "bit", buf, 0, &h, e))
		return -1;
	l = h;
	if (colon && number(t, "bit", colon + 1, 0, &l, e))
		return -1;
	if (h > 63 || l > 63)
		return rb_fail(t->b, e, t->line, "invalid bits '%s': bits "
			       "are 0 to 63", s);
	*hi = (unsigned)h;
	*lo = (unsigned)l;
	return 0;
}

static int do_field(struct text_state *t, char **w, int n, struct error *e)
{
	struct rb_field f = { .line = t->line };
	int i;

	if (!t->have_reg)
		return rb_fail(t->b, e, t->line, "field %s before any "
			       "register line", n > 1 ? w[1] : "");
	if (n < 3)
		return rb_fail(t->b, e, t->line, "field takes NAME HI[:LO] "
			       "[ACCESS] [ENUM=VALUE...]");
	if (check_name(t, "field", w[1], e) || bits(t, w[2], &f.hi, &f.lo, e))
		return -1;
	f.name = w[1];
	f.access = t->reg_access;
	i = 3;
	if (i < n && !strchr(w[i], '=')) {
		if (access_word(w[i], &f.access, &f.side_effects))
			return rb_fail(t->b, e, t->line, "unknown word '%s' "
				       "(ACCESS, then ENUM=VALUE pairs, may "
				       "follow the bits)", w[i]);
		i++;
	}
	if (rb_field(t->b, &f, e))
		return -1;
	for (; i < n; i++) {
		char *eq = strchr(w[i], '=');
		uint64_t v;

		if (!eq)
			return rb_fail(t->b, e, t->line, "'%s' is not "
				       "ENUM=VALUE", w[i]);
		*eq = '\0';
		if (check_name(t, "value", w[i], e) ||
		    number(t, "value", eq + 1, 0, &v, e) ||
		    rb_enum(t->b, w[i], v, NULL, t->line, e))
			return -1;
	}
	return 0;
}

int regdb_text_parse(struct regdb_builder *b, const char *data, size_t len,
		     struct error *e)
{
	struct text_state t = { .b = b };
	char *words[MAX_WORDS], *line = NULL;
	size_t cap = 0;
	int rc = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	while (len && rc == 0) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) : len;
		int nw;

		t.line++;
		if (n + 1 > cap) {
			char *l2 = realloc(line, n + 1);

			if (!l2) {
				free(line);
				return error_set(e, EXIT_FAIL,
						 "out of memory");
			}
			line = l2;
			cap = n + 1;
		}
		memcpy(line, data, n);
		line[n] = '\0';
		data += nl ? n + 1 : n;
		len -= nl ? n + 1 : n;
		if (memchr(line, '\0', n)) {
			rc = rb_fail(b, e, t.line, "a NUL byte: this is not "
				     "a text file");
			break;
		}
		nw = split(line, words);
		if (nw == MAX_WORDS)
			rc = rb_fail(b, e, t.line, "more than %d words",
				     MAX_WORDS - 1);
		else if (nw == 0)
			continue;
		else if (strcmp(words[0], "block") == 0)
			rc = do_block(&t, words, nw, e);
		else if (strcmp(words[0], "register") == 0)
			rc = do_register(&t, words, nw, e);
		else if (strcmp(words[0], "field") == 0)
			rc = do_field(&t, words, nw, e);
		else
			rc = rb_fail(b, e, t.line, "unknown line '%s' (block, "
				     "register or field)", words[0]);
	}
	free(line);
	return rc;
}
