// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading the sysfs form of the device tree: nodes, reg, ranges, drivers. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt.h"
#include "readfile.h"

const char *dt_how_name(enum dt_how how)
{
	switch (how) {
	case DT_BY_PATH:
		return "path";
	case DT_BY_ALIAS:
		return "alias";
	case DT_BY_LABEL:
		return "label";
	case DT_BY_COMPATIBLE:
		return "compatible";
	}
	return "?";
}

/* Put "PREFIX" before E's message, keeping its status and hint. */
static int __attribute__((format(printf, 2, 3)))
error_prefix(struct error *e, const char *fmt, ...)
{
	char pre[sizeof(e->msg)], msg[sizeof(e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "%s", e->msg);
	snprintf(e->msg, sizeof(e->msg), "%s%s", pre, msg);
	return -1;
}

static int no_memory(struct error *e)
{
	return error_set(e, EXIT_FAIL, "out of memory");
}

/* The big-endian number in CELLS 4-byte cells at P. */
static uint64_t be_cells(const unsigned char *p, unsigned cells)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < cells * 4; i++)
		v = v << 8 | p[i];
	return v;
}

int dt_decode_u32(const void *data, size_t len, uint32_t *val,
		  const char *what, struct error *e)
{
	if (len != 4)
		return error_set(e, EXIT_FAIL, "%s is %zu bytes, not one "
				 "4-byte cell", what, len);
	*val = (uint32_t)be_cells(data, 1);
	return 0;
}

int dt_decode_strings(const void *data, size_t len, struct dt_strings *out,
		      const char *what, struct error *e)
{
	const char *d = data;
	size_t count = 0;
	char *copy;

	out->v = NULL;
	out->n = 0;
	if (len == 0)
		return 0;
	if (d[len - 1] != '\0')
		return error_set(e, EXIT_FAIL, "%s is not a NUL-terminated "
				 "string list", what);
	for (size_t i = 0; i < len; i++)
		count += d[i] == '\0';
	if (count > (SIZE_MAX - len) / sizeof(char *))
		return no_memory(e);
	out->v = malloc(count * sizeof(char *) + len);
	if (!out->v)
		return no_memory(e);
	copy = (char *)(out->v + count);
	memcpy(copy, d, len);
	for (size_t i = 0, start = 0; i < len; i++)
		if (copy[i] == '\0') {
			out->v[out->n++] = copy + start;
			start = i + 1;
		}
	return 0;
}

void dt_strings_free(struct dt_strings *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

bool dt_strings_has(const struct dt_strings *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], str) == 0)
			return true;
	return false;
}

/* Check that LEN bytes are a whole number of ENTRY-cell entries. */
static int check_entries(size_t len, unsigned entry, const char *what,
			 const char *layout, struct error *e)
{
	if (len == 0)
		return error_set(e, EXIT_FAIL, "%s is empty", what);
	if (len % 4)
		return error_set(e, EXIT_FAIL, "%s is %zu bytes: not a whole "
				 "number of 4-byte cells (truncated?)", what,
				 len);
	if (len % (entry * 4))
		return error_set(e, EXIT_FAIL, "%s is %zu cells: not a whole "
				 "number of %u-cell entries (%s)", what,
				 len / 4, entry, layout);
	return 0;
}

int dt_decode_reg(const void *data, size_t len, unsigned ac, unsigned sc,
		  struct dt_reg **out, size_t *n, const char *what,
		  struct error *e)
{
	const unsigned char *p = data;
	char layout[96];

	*out = NULL;
	*n = 0;
	if (ac < 1 || ac > 2 || sc > 2)
		return error_set(e, EXIT_FAIL, "%s: %u address and %u size "
				 "cells: iomap handles 1 or 2 address cells "
				 "and 0 to 2 size cells", what, ac, sc);
	snprintf(layout, sizeof(layout), "%u address and %u size cell%s",
		 ac, sc, sc == 1 ? "" : "s");
	if (check_entries(len, ac + sc, what, layout, e))
		return -1;
	*n = len / ((ac + sc) * 4);
	*out = calloc(*n, sizeof(**out));
	if (!*out) {
		*n = 0;
		return no_memory(e);
	}
	for (size_t i = 0; i < *n; i++, p += (ac + sc) * 4) {
		(*out)[i].addr = be_cells(p, ac);
		(*out)[i].size = sc ? be_cells(p + ac * 4, sc) : 0;
		(*out)[i].name = "";
	}
	return 0;
}

int dt_decode_ranges(const void *data, size_t len, unsigned cac, unsigned pac,
		     unsigned sc, struct dt_range **out, size_t *n,
		     const char *what, struct error *e)
{
	const unsigned char *p = data;
	unsigned entry = cac + pac + sc;
	char layout[128];

	*out = NULL;
	*n = 0;
	if (cac < 1 || cac > 2 || pac < 1 || pac > 2 || sc < 1 || sc > 2)
		return error_set(e, EXIT_FAIL, "%s: %u child address, %u parent "
				 "address and %u size cells: iomap handles 1 or "
				 "2 of each", what, cac, pac, sc);
	snprintf(layout, sizeof(layout), "%u child address, %u parent "
		 "address and %u size cell%s", cac, pac, sc,
		 sc == 1 ? "" : "s");
	if (check_entries(len, entry, what, layout, e))
		return -1;
	*n = len / (entry * 4);
	*out = calloc(*n, sizeof(**out));
	if (!*out) {
		*n = 0;
		return no_memory(e);
	}
	for (size_t i = 0; i < *n; i++, p += entry * 4) {
		(*out)[i].child = be_cells(p, cac);
		(*out)[i].parent = be_cells(p + cac * 4, pac);
		(*out)[i].size = be_cells(p + (cac + pac) * 4, sc);
	}
	return 0;
}

int dt_translate_one(const struct dt_range *r, size_t n, uint64_t addr,
		     uint64_t *out, const char *bus, struct error *e)
{
	char have[256] = "";
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t off = addr - r[i].child;

		if (addr < r[i].child || off >= r[i].size)
			continue;
		if (r[i].parent > UINT64_MAX - off)
			return error_set(e, EXIT_FAIL, "the ranges of %s take "
					 "0x%" PRIx64 " past the end of the "
					 "64-bit address space", bus, addr);
		*out = r[i].parent + off;
		return 0;
	}
	for (size_t i = 0; i < n && i < 4; i++)
		used += snprintf(have + used, sizeof(have) - used,
				 "%s0x%" PRIx64 "+0x%" PRIx64, i ? ", " : "",
				 r[i].child, r[i].size);
	return error_set(e, EXIT_FAIL, "0x%" PRIx64 " is outside the ranges "
			 "of %s (%s%s)", addr, bus, have, n > 4 ? ", ..." : "");
}

/* Whether PATH is "/" or "/a/b" without empty, "." or ".." components. */
static bool valid_path(const char *path)
{
	const char *p = path;

	if (path[0] != '/')
		return false;
	if (path[1] == '\0')
		return true;
	while (*p == '/') {
		size_t len = strcspn(p + 1, "/");

		if (len == 0 || (len == 1 && p[1] == '.') ||
		    (len == 2 && p[1] == '.' && p[2] == '.'))
			return false;
		p += 1 + len;
	}
	return *p == '\0';
}

/* TREE/PATH[/NAME] into BUF. */
static int join(char *buf, size_t len, const char *tree, const char *path,
		const char *name, struct error *e)
{
	int n = snprintf(buf, len, "%s%s%s%s", tree,
			 strcmp(path, "/") ? path : "", name ? "/" : "",
			 name ? name : "");

	if (n < 0 || (size_t)n >= len)
		return error_set(e, EXIT_FAIL, "path too long: %s%s", tree,
				 path);
	return 0;
}

/* The parent of node PATH ("/" for "/x" and "/") into OUT. */
static void parent_of(const char *path, char *out)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0;

	if (len == 0) {
		strcpy(out, "/");
		return;
	}
	memcpy(out, path, len);
	out[len] = '\0';
}

/* Whether TREE/PATH is a node: a directory, not a link. */
static bool is_node(const char *tree, const char *path)
{
	char file[PATH_MAX];
	struct stat st;
	struct error ignored;

	if (join(file, sizeof(file), tree, path, NULL, &ignored))
		return false;
	if (strcmp(path, "/") == 0)
		return stat(file, &st) == 0 && S_ISDIR(st.st_mode);
	return lstat(file, &st) == 0 && S_ISDIR(st.st_mode);
}

int dt_read_prop(const char *tree, const char *path, const char *name,
		 struct dt_prop *p, struct error *e)
{
	char file[PATH_MAX], *buf;
	size_t len;
	struct stat st;
	int fd, rc;

	p->data = NULL;
	p->len = 0;
	if (join(file, sizeof(file), tree, path, name, e))
		return -1;
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return error_set(e, EXIT_FAIL, "cannot read %s: %s", file,
				 strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return error_set(e, EXIT_FAIL, "%s is not a property: not a "
				 "regular file", file);
	}
	rc = readfile_fd(fd, file, DT_PROP_MAX, (size_t)st.st_size, EXIT_FAIL,
			 &buf, &len, e);
	close(fd);
	if (rc)
		return -1;
	p->data = (unsigned char *)buf;
	p->len = len;
	return 0;
}

/* Read one cell property NAME of PATH into *VAL, DEF when absent. */
static int read_cell(const char *tree, const char *path, const char *name,
		     uint32_t def, uint32_t *val, struct error *e)
{
	struct dt_prop p;
	char what[DT_PATH_MAX + 64];
	int ret = 0;

	if (dt_read_prop(tree, path, name, &p, e))
		return -1;
	*val = def;
	if (p.data) {
		snprintf(what, sizeof(what), "%s of %s", name, path);
		ret = dt_decode_u32(p.data, p.len, val, what, e);
	}
	free(p.data);
	return ret;
}

int dt_cells(const char *tree, const char *path, unsigned *ac, unsigned *sc,
	     struct error *e)
{
	uint32_t a, s;

	if (read_cell(tree, path, "#address-cells", 2, &a, e) ||
	    read_cell(tree, path, "#size-cells", 1, &s, e))
		return -1;
	if (a < 1 || a > 2)
		return error_set(e, EXIT_FAIL, "%s has #address-cells = <%"
				 PRIu32 ">: iomap handles 1 or 2 address "
				 "cells (addresses of up to 64 bits)", path, a);
	if (s > 2)
		return error_set(e, EXIT_FAIL, "%s has #size-cells = <%" PRIu32
				 ">: iomap handles 0, 1 or 2 size cells",
				 path, s);
	*ac = a;
	*sc = s;
	return 0;
}

/* The ranges of every bus between a node and the root, nearest first. */
struct chain_level {
	const char *bus;	/* points into chain.paths */
	bool identity;
	struct dt_range *r;
	size_t n;
};

struct chain {
	struct chain_level level[DT_DEPTH_MAX];
	char paths[DT_DEPTH_MAX][DT_PATH_MAX];
	size_t n;
};

static void chain_free(struct chain *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->level[i].r);
	c->n = 0;
}

/* Load the ranges above node PATH into C (freed by chain_free). */
static int chain_load(const char *tree, const char *path, struct chain *c,
		      struct error *e)
{
	char bus[DT_PATH_MAX], up[DT_PATH_MAX];

	c->n = 0;
	parent_of(path, bus);
	while (strcmp(bus, "/") != 0) {
		struct chain_level *l = &c->level[c->n];
		unsigned cac, csc, pac, psc;
		struct dt_prop p;
		char what[DT_PATH_MAX + 16];
		int ret;

		if (c->n == DT_DEPTH_MAX) {
			chain_free(c);
			return error_set(e, EXIT_FAIL, "%s is nested deeper "
					 "than %d buses", path, DT_DEPTH_MAX);
		}
		strcpy(c->paths[c->n], bus);
		l->bus = c->paths[c->n];
		l->r = NULL;
		l->n = 0;
		if (dt_read_prop(tree, bus, "ranges", &p, e)) {
			chain_free(c);
			return -1;
		}
		if (!p.data) {
			chain_free(c);
			return error_set(e, EXIT_FAIL, "%s has no ranges "
					 "property", bus);
		}
		c->n++;
		l->identity = p.len == 0;
		parent_of(bus, up);
		snprintf(what, sizeof(what), "ranges of %s", bus);
		ret = 0;
		if (!l->identity &&
		    (dt_cells(tree, bus, &cac, &csc, e) ||
		     dt_cells(tree, up, &pac, &psc, e) ||
		     dt_decode_ranges(p.data, p.len, cac, pac, csc, &l->r,
				      &l->n, what, e)))
			ret = -1;
		free(p.data);
		if (ret) {
			chain_free(c);
			return -1;
		}
		strcpy(bus, up);
	}
	return 0;
}

/* ADDR through every level of C into *PHYS. */
static int chain_translate(const struct chain *c, uint64_t addr,
			   uint64_t *phys, struct error *e)
{
	for (size_t i = 0; i < c->n; i++)
		if (!c->level[i].identity &&
		    dt_translate_one(c->level[i].r, c->level[i].n, addr, &addr,
				     c->level[i].bus, e))
			return -1;
	*phys = addr;
	return 0;
}

int dt_translate(const char *tree, const char *path, uint64_t addr,
		 uint64_t *phys, struct error *e)
{
	struct chain *c = malloc(sizeof(*c));
	int ret;

	if (!c)
		return no_memory(e);
	ret = chain_load(tree, path, c, e) ||
	      chain_translate(c, addr, phys, e) ? -1 : 0;
	chain_free(c);
	free(c);
	if (ret)
		return error_prefix(e, "cannot translate 0x%" PRIx64 " of %s "
				    "to a physical address: ", addr, path);
	return 0;
}

/* A growing list of matches. */
struct matches {
	struct dt_match *v;
	size_t n, cap;
	enum dt_how how;
};

static int add_match(struct matches *m, const char *path, struct error *e)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].path, path) == 0)
			return 0;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		struct dt_match *v = realloc(m->v, cap * sizeof(*v));

		if (!v)
			return no_memory(e);
		m->v = v;
		m->cap = cap;
	}
	snprintf(m->v[m->n].path, sizeof(m->v[m->n].path), "%s", path);
	m->v[m->n++].how = m->how;
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_dot(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

/* The entries of directory DIR, sorted by name, or -1 (errno set). */
static int list_dir(const char *dir, struct dirent ***list)
{
	return scandir(dir, list, not_dot, by_name);
}

static void free_list(struct dirent **list, int n)
{
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Match the components REST below node CUR (a DT_PATH_MAX buffer). */
static int resolve(const char *tree, char *cur, const char *rest,
		   struct matches *m, struct error *e)
{
	size_t len = strlen(cur), clen;
	char dir[PATH_MAX];
	struct dirent **list;
	const char *next;
	int n, ret = 0;

	while (*rest == '/')
		rest++;
	if (!*rest)
		return add_match(m, cur, e);
	clen = strcspn(rest, "/");
	next = rest + clen;
	if (len + 1 + clen >= DT_PATH_MAX)
		return 0;
	snprintf(cur + len, DT_PATH_MAX - len, "%s%.*s",
		 len > 1 ? "/" : "", (int)clen, rest);
	if (is_node(tree, cur)) {
		ret = resolve(tree, cur, next, m, e);
		cur[len] = '\0';
		return ret;
	}
	cur[len] = '\0';
	if (memchr(rest, '@', clen) || join(dir, sizeof(dir), tree, cur, NULL,
					     e))
		return 0;
	n = list_dir(dir, &list);
	if (n < 0)
		return 0;
	for (int i = 0; i < n && !ret; i++) {
		const char *name = list[i]->d_name;

		if (strncmp(name, rest, clen) != 0 || name[clen] != '@' ||
		    len + 1 + strlen(name) >= DT_PATH_MAX)
			continue;
		snprintf(cur + len, DT_PATH_MAX - len, "%s%s",
			 len > 1 ? "/" : "", name);
		if (is_node(tree, cur))
			ret = resolve(tree, cur, next, m, e);
		cur[len] = '\0';
	}
	free_list(list, n);
	return ret;
}

static int find_path(const char *tree, const char *path, struct matches *m,
		     struct error *e)
{
	char cur[DT_PATH_MAX] = "/";

	return resolve(tree, cur, path, m, e);
}

/*
 * NAME as a property of node DIR (/aliases, /__symbols__) holding a path:
 * its matches into M. Properties that hold no path ("name") do not count.
 */
static int find_indirect(const char *tree, const char *dir, const char *name,
			 const char *kind, struct matches *m, struct error *e)
{
	struct dt_strings s;
	struct dt_prop p;
	char what[DT_PATH_MAX + 64];
	int ret = 0;

	if (strchr(name, '/') || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || !*name)
		return 0;
	if (dt_read_prop(tree, dir, name, &p, e))
		return -1;
	if (!p.data)
		return 0;
	snprintf(what, sizeof(what), "%s/%s", dir, name);
	ret = dt_decode_strings(p.data, p.len, &s, what, e);
	free(p.data);
	if (ret || s.n == 0 || s.v[0][0] != '/') {
		dt_strings_free(&s);
		return ret;
	}
	if (!valid_path(s.v[0]))
		ret = error_set(e, EXIT_FAIL, "%s %s is \"%s\", which is not a "
				"node path", kind, name, s.v[0]);
	else if (find_path(tree, s.v[0], m, e))
		ret = -1;
	else if (m->n == 0)
		ret = error_set(e, EXIT_FAIL, "%s %s is %s, which is not a node "
				"of the device tree in %s", kind, name, s.v[0],
				tree);
	dt_strings_free(&s);
	return ret;
}

typedef int (*visit_fn)(const char *tree, const char *path, void *ctx,
			struct error *e);

/* Visit node PATH (a DT_PATH_MAX buffer) and those below it, in order. */
static int walk(const char *tree, char *path, unsigned depth, visit_fn fn,
		void *ctx, struct error *e)
{
	size_t len = strlen(path);
	char dir[PATH_MAX];
	struct dirent **list;
	int n, ret;

	ret = fn(tree, path, ctx, e);
	if (ret || depth >= DT_DEPTH_MAX)
		return ret;
	if (join(dir, sizeof(dir), tree, path, NULL, e))
		return -1;
	n = list_dir(dir, &list);
	if (n < 0)
		return error_set(e, EXIT_FAIL, "cannot read %s: %s", dir,
				 strerror(errno));
	for (int i = 0; i < n && !ret; i++) {
		const char *name = list[i]->d_name;

		if (strncmp(name, "__", 2) == 0)
			continue;	/* __symbols__, __fixups__, ... */
		if (len + 1 + strlen(name) >= DT_PATH_MAX) {
			ret = error_set(e, EXIT_FAIL, "path too long: %s/%s",
					path, name);
			break;
		}
		snprintf(path + len, DT_PATH_MAX - len, "%s%s",
			 len > 1 ? "/" : "", name);
		if (is_node(tree, path))
			ret = walk(tree, path, depth + 1, fn, ctx, e);
		path[len] = '\0';
	}
	free_list(list, n);
	return ret;
}

struct compat_ctx {
	const char *compatible;
	struct matches *m;
};

static int visit_compatible(const char *tree, const char *path, void *ctx,
			    struct error *e)
{
	struct compat_ctx *c = ctx;
	struct dt_strings s;
	struct dt_prop p;
	char what[DT_PATH_MAX + 16];
	int ret;

	if (dt_read_prop(tree, path, "compatible", &p, e))
		return -1;
	if (!p.data)
		return 0;
	snprintf(what, sizeof(what), "compatible of %s", path);
	ret = dt_decode_strings(p.data, p.len, &s, what, e);
	free(p.data);
	if (ret)
		return 0;	/* a broken node is no candidate */
	if (dt_strings_has(&s, c->compatible))
		ret = add_match(c->m, path, e);
	dt_strings_free(&s);
	return ret;
}

static int check_tree(const char *tree, struct error *e)
{
	struct stat st;

	if (stat(tree, &st) != 0)
		return error_set(e, EXIT_FAIL, "no device tree at %s: %s", tree,
				 strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return error_set(e, EXIT_FAIL, "no device tree at %s: not a "
				 "directory", tree);
	return 0;
}

int dt_find(const char *tree, const char *node, struct dt_match **out,
	    size_t *n, struct error *e)
{
	struct matches m = { 0 };
	int ret;

	*out = NULL;
	*n = 0;
	if (check_tree(tree, e))
		return -1;
	if (node[0] == '/') {
		char path[DT_PATH_MAX];
		size_t len = strlen(node);

		while (len > 1 && node[len - 1] == '/')
			len--;
		if (len >= sizeof(path))
			return error_set(e, EXIT_USAGE, "node path too long: "
					 "%s", node);
		memcpy(path, node, len);
		path[len] = '\0';
		if (!valid_path(path))
			return error_set(e, EXIT_USAGE, "%s is not a node path "
					 "(empty, \".\" or \"..\" component)",
					 node);
		m.how = DT_BY_PATH;
		ret = find_path(tree, path, &m, e);
	} else {
		struct compat_ctx c = { node, &m };
		char root[DT_PATH_MAX] = "/";

		m.how = DT_BY_ALIAS;
		ret = find_indirect(tree, "/aliases", node, "alias", &m, e);
		if (!ret && m.n == 0) {
			m.how = DT_BY_LABEL;
			ret = find_indirect(tree, "/__symbols__", node, "label",
					    &m, e);
		}
		if (!ret && m.n == 0 && *node) {
			m.how = DT_BY_COMPATIBLE;
			ret = walk(tree, root, 0, visit_compatible, &c, e);
		}
	}
	if (ret) {
		free(m.v);
		return -1;
	}
	*out = m.v;
	*n = m.n;
	return 0;
}

/* Names of the properties of node DIR (the aliases) into BUF. */
static void property_names(const char *tree, const char *dir, char *buf,
			   size_t len)
{
	char path[PATH_MAX];
	struct dirent **list;
	size_t used = 0;
	int n, shown = 0;
	struct error ignored;

	buf[0] = '\0';
	if (join(path, sizeof(path), tree, dir, NULL, &ignored))
		return;
	n = list_dir(path, &list);
	if (n < 0)
		return;
	for (int i = 0; i < n && used < len; i++) {
		if (strcmp(list[i]->d_name, "name") == 0 ||
		    strcmp(list[i]->d_name, "phandle") == 0)
			continue;
		if (shown == 24) {
			used += snprintf(buf + used, len - used, ", ...");
			break;
		}
		used += snprintf(buf + used, len - used, "%s%s",
				 shown++ ? ", " : "", list[i]->d_name);
	}
	free_list(list, n);
}

int dt_find_one(const char *tree, const char *node, struct dt_match *out,
		struct error *e)
{
	struct dt_match *m;
	char names[1024];
	size_t n, used = 0;

	if (dt_find(tree, node, &m, &n, e))
		return -1;
	if (n == 1) {
		*out = m[0];
		free(m);
		return 0;
	}
	if (n == 0) {
		error_set(e, EXIT_USAGE, "no device-tree node in %s has the "
			  "path, alias, label or compatible string \"%s\"",
			  tree, node);
		property_names(tree, "/aliases", names, sizeof(names));
		if (names[0])
			error_hint(e, "aliases: %s", names);
		error_hint(e, "`iomap list --of` lists the nodes with "
			   "registers");
		return -1;
	}
	names[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof(names); i++)
		used += snprintf(names + used, sizeof(names) - used, "%s%s",
				 i ? ", " : "", m[i].path);
	error_set(e, EXIT_USAGE, "\"%s\" matches %zu device-tree nodes by "
		  "%s: %s", node, n, dt_how_name(m[0].how), names);
	error_hint(e, "name one by its path");
	free(m);
	return -1;
}

/* The first string of property NAME of PATH into BUF ("" when absent). */
static int read_string(const char *tree, const char *path, const char *name,
		       char *buf, size_t len, struct error *e)
{
	struct dt_strings s;
	struct dt_prop p;
	char what[DT_PATH_MAX + 64];
	int ret;

	buf[0] = '\0';
	if (dt_read_prop(tree, path, name, &p, e))
		return -1;
	if (!p.data)
		return 0;
	snprintf(what, sizeof(what), "%s of %s", name, path);
	ret = dt_decode_strings(p.data, p.len, &s, what, e);
	free(p.data);
	if (!ret && s.n)
		snprintf(buf, len, "%s", s.v[0]);
	dt_strings_free(&s);
	return ret;
}

/* Decode property NAME of PATH as a string list into *S (n 0: absent). */
static int read_strings(const char *tree, const char *path, const char *name,
			struct dt_strings *s, struct error *e)
{
	struct dt_prop p;
	char what[DT_PATH_MAX + 64];
	int ret;

	s->v = NULL;
	s->n = 0;
	if (dt_read_prop(tree, path, name, &p, e))
		return -1;
	if (!p.data)
		return 0;
	snprintf(what, sizeof(what), "%s of %s", name, path);
	ret = dt_decode_strings(p.data, p.len, s, what, e);
	free(p.data);
	return ret;
}

/* Translate every entry of N's reg, noting in each why it cannot be. */
static int translate_reg(const char *tree, struct dt_node *n, struct error *e)
{
	struct chain *c = malloc(sizeof(*c));
	struct error why;
	bool loaded;

	if (!c)
		return no_memory(e);
	loaded = chain_load(tree, n->path, c, &why) == 0;
	for (size_t i = 0; i < n->nreg; i++) {
		struct dt_reg *r = &n->reg[i];

		r->ok = loaded && chain_translate(c, r->addr, &r->phys,
						  &why) == 0;
		if (r->ok && r->size && r->phys > UINT64_MAX - (r->size - 1)) {
			r->ok = false;
			error_set(&why, EXIT_FAIL, "0x%" PRIx64 "+0x%" PRIx64
				  " runs past the end of the 64-bit address "
				  "space", r->phys, r->size);
		}
		if (!r->ok)
			snprintf(r->why, sizeof(r->why), "cannot translate "
				 "0x%" PRIx64 " of %s to a physical address: "
				 "%s", r->addr, n->path, why.msg);
	}
	chain_free(c);
	free(c);
	return 0;
}

int dt_node_read(const char *tree, const char *path, struct dt_node *n,
		 struct error *e)
{
	char parent[DT_PATH_MAX], what[DT_PATH_MAX + 16];
	unsigned ac, sc;
	struct dt_prop reg;

	memset(n, 0, sizeof(*n));
	if (strlen(path) >= sizeof(n->path) || !valid_path(path))
		return error_set(e, EXIT_USAGE, "%s is not a node path", path);
	strcpy(n->path, path);
	if (check_tree(tree, e))
		return -1;
	if (!is_node(tree, path))
		return error_set(e, EXIT_USAGE, "%s is not a node of the "
				 "device tree in %s", path, tree);
	if (read_strings(tree, path, "compatible", &n->compatible, e) ||
	    read_string(tree, path, "status", n->status, sizeof(n->status), e))
		return -1;
	if (dt_read_prop(tree, path, "reg", &reg, e))
		return -1;
	if (!reg.data)
		return 0;
	if (strcmp(path, "/") == 0) {
		free(reg.data);
		return error_set(e, EXIT_FAIL, "the root node has reg, but no "
				 "parent bus to decode it on");
	}
	parent_of(path, parent);
	snprintf(what, sizeof(what), "reg of %s", path);
	if (dt_cells(tree, parent, &ac, &sc, e) ||
	    dt_decode_reg(reg.data, reg.len, ac, sc, &n->reg, &n->nreg, what,
			  e)) {
		free(reg.data);
		return -1;
	}
	free(reg.data);
	if (read_strings(tree, path, "reg-names", &n->reg_names, e))
		return -1;
	for (size_t i = 0; i < n->nreg && i < n->reg_names.n; i++)
		n->reg[i].name = n->reg_names.v[i];
	return translate_reg(tree, n, e);
}

void dt_node_free(struct dt_node *n)
{
	dt_strings_free(&n->compatible);
	dt_strings_free(&n->reg_names);
	free(n->reg);
	n->reg = NULL;
	n->nreg = 0;
}

bool dt_node_enabled(const struct dt_node *n)
{
	return !n->status[0] || strcmp(n->status, "okay") == 0 ||
	       strcmp(n->status, "ok") == 0;
}

/* "0 (ctrl), 1 (stats)" into BUF. */
static void reg_entries(const struct dt_node *n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n->nreg && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%zu%s%s%s",
				 i ? ", " : "", i, n->reg[i].name[0] ? " (" : "",
				 n->reg[i].name, n->reg[i].name[0] ? ")" : "");
}

int dt_pick_reg(const struct dt_node *n, const char *sel, const char *given,
		struct error *e)
{
	char have[512];
	size_t i = 0, found = 0;

	if (!given)
		given = sel;
	if (n->nreg == 0)
		return error_set(e, EXIT_USAGE, "%s has no reg property: no "
				 "registers to map", n->path);
	reg_entries(n, have, sizeof(have));
	if (sel && sel[0] && strspn(sel, "0123456789") == strlen(sel)) {
		if (strlen(sel) > 9 || (i = strtoul(sel, NULL, 10)) >= n->nreg)
			return error_set(e, EXIT_USAGE, "%s has no reg entry "
					 "%s (its entries: %s)", n->path, given,
					 have);
	} else if (sel) {
		for (size_t j = 0; j < n->nreg && sel[0]; j++)
			if (strcmp(n->reg[j].name, sel) == 0 && found++ == 0)
				i = j;
		if (found == 0)
			return error_set(e, EXIT_USAGE, "%s has no reg entry "
					 "named \"%s\" (its entries: %s)",
					 n->path, sel, have);
		if (found > 1)
			return error_set(e, EXIT_USAGE, "%s has %zu reg "
					 "entries named \"%s\" (its entries: %s): "
					 "pick one by number", n->path, found,
					 sel, have);
	}
	if (!n->reg[i].ok)
		return error_set(e, EXIT_FAIL, "%s", n->reg[i].why);
	return (int)i;
}

struct list_ctx {
	struct dt_node *v;
	size_t n, cap;
};

static int visit_list(const char *tree, const char *path, void *ctx,
		      struct error *e)
{
	struct list_ctx *l = ctx;
	struct dt_node *node;
	struct error why;
	struct dt_prop reg;

	if (dt_read_prop(tree, path, "reg", &reg, e))
		return -1;
	if (!reg.data || strcmp(path, "/") == 0) {
		free(reg.data);
		return 0;
	}
	free(reg.data);
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct dt_node *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return no_memory(e);
		l->v = v;
		l->cap = cap;
	}
	node = &l->v[l->n++];
	if (dt_node_read(tree, path, node, &why)) {
		free(node->reg);
		node->reg = NULL;
		node->nreg = 0;
		snprintf(node->why, sizeof(node->why), "%s", why.msg);
	}
	return 0;
}

int dt_list(const char *tree, struct dt_node **out, size_t *n,
	    struct error *e)
{
	struct list_ctx l = { 0 };
	char root[DT_PATH_MAX] = "/";

	*out = NULL;
	*n = 0;
	if (check_tree(tree, e))
		return -1;
	if (walk(tree, root, 0, visit_list, &l, e)) {
		dt_list_free(l.v, l.n);
		return -1;
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

void dt_list_free(struct dt_node *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dt_node_free(&nodes[i]);
	free(nodes);
}

/*
 * The node path the of_node link LINK leads to under the tree whose
 * resolved path is REAL (may be ""), into OUT; false when none.
 */
static bool of_node_path(const char *link, const char *real, char *out,
			 size_t len)
{
	char target[PATH_MAX], text[PATH_MAX];
	size_t rlen = strlen(real);
	const char *tail;
	ssize_t got;

	if (rlen && realpath(link, target) && strncmp(target, real, rlen) == 0 &&
	    (target[rlen] == '/' || target[rlen] == '\0')) {
		snprintf(out, len, "%s", target[rlen] ? target + rlen : "/");
		return true;
	}
	got = readlink(link, text, sizeof(text) - 1);
	if (got <= 0)
		return false;
	text[got] = '\0';
	tail = strstr(text, "devicetree/base");
	if (!tail)
		return false;
	tail += strlen("devicetree/base");
	if (*tail != '/' && *tail != '\0')
		return false;
	snprintf(out, len, "%s", *tail ? tail : "/");
	return true;
}

/* Bus order for dt_drivers: platform, amba, then by name. */
static int bus_rank(const char *name)
{
	return strcmp(name, "platform") == 0 ? 0 :
	       strcmp(name, "amba") == 0 ? 1 : 2;
}

static int by_bus(const struct dirent **a, const struct dirent **b)
{
	int ra = bus_rank((*a)->d_name), rb = bus_rank((*b)->d_name);

	return ra != rb ? ra - rb : strcmp((*a)->d_name, (*b)->d_name);
}

/* Match the devices of one bus directory DEVS to NODES. */
static void match_bus(const char *devs, const char *real,
		      struct dt_node *nodes, size_t n)
{
	struct dirent **list;
	int count = list_dir(devs, &list);

	if (count < 0)
		return;
	for (int i = 0; i < count; i++) {
		char link[PATH_MAX], node[DT_PATH_MAX], drv[PATH_MAX];
		const char *driver = "";
		ssize_t got;

		if (snprintf(link, sizeof(link), "%s/%s/of_node", devs,
			     list[i]->d_name) >= (int)sizeof(link) ||
		    !of_node_path(link, real, node, sizeof(node)))
			continue;
		snprintf(link, sizeof(link), "%s/%s/driver", devs,
			 list[i]->d_name);
		got = readlink(link, drv, sizeof(drv) - 1);
		if (got > 0) {
			drv[got] = '\0';
			driver = strrchr(drv, '/') ? strrchr(drv, '/') + 1 : drv;
		}
		for (size_t j = 0; j < n; j++) {
			struct dt_node *d = &nodes[j];

			if (strcmp(d->path, node) != 0 ||
			    (d->device[0] && (d->driver[0] || !driver[0])))
				continue;
			snprintf(d->device, sizeof(d->device), "%s",
				 list[i]->d_name);
			snprintf(d->driver, sizeof(d->driver), "%s", driver);
		}
	}
	free_list(list, count);
}

int dt_drivers(const char *sysfs, const char *tree, struct dt_node *nodes,
	       size_t n, struct error *e)
{
	char real[PATH_MAX] = "", dir[PATH_MAX], devs[PATH_MAX];
	struct dirent **buses;
	int count;

	if (!realpath(tree, real))
		real[0] = '\0';
	for (size_t i = 0; i < n; i++)
		nodes[i].driver[0] = nodes[i].device[0] = '\0';
	if (snprintf(dir, sizeof(dir), "%s/bus", sysfs) >= (int)sizeof(dir))
		return error_set(e, EXIT_FAIL, "path too long: %s/bus", sysfs);
	count = scandir(dir, &buses, not_dot, by_bus);
	if (count < 0)
		return 0;
	for (int i = 0; i < count; i++)
		if (snprintf(devs, sizeof(devs), "%s/%s/devices", dir,
			     buses[i]->d_name) < (int)sizeof(devs))
			match_bus(devs, real, nodes, n);
	free_list(buses, count);
	return 0;
}
