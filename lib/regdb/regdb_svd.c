// SPDX-License-Identifier: GPL-2.0-or-later
/* CMSIS-SVD descriptions: peripherals, clusters, registers, fields. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "regdb_int.h"

/* derivedFrom chains longer than this are refused (or circular). */
#define MAX_DERIVE 16
/* Clusters inside clusters, counting those brought in by derivedFrom. */
#define MAX_NESTING 32

/* Register properties, inherited device -> peripheral -> cluster -> register. */
struct props {
	unsigned size;		/* bits; 0 = not given */
	bool has_access;
	enum regdb_access access;
	bool has_reset;
	uint64_t reset;
};

/* An element and the elements it derives from, nearest first. */
struct chain {
	const struct xml_node *n[MAX_DERIVE];
	unsigned len;
};

/* A list of elements: the effective children of a container. */
struct list {
	const struct xml_node **n;
	size_t len, cap;
};

/*
 * The named elements of the document, found by a hash lookup instead of a
 * walk: (container, kind, name) for peripherals, clusters, registers and
 * fields; (NULL, "enumeratedValues", name) for every enumeratedValues in
 * document order; (NULL, "#path", path) for the enumeratedValues a
 * derivedFrom path names, once resolved.
 */
struct slot {
	const struct xml_node *parent;
	const char *kind, *name;	/* kind NULL: an empty slot */
	const struct xml_node *first, *last;
	uint32_t hash;
	uint32_t list;			/* enumeratedValues: lists[list - 1] */
};

struct node_list {
	const struct xml_node **n;
	size_t len, cap;
};

/* Built when the first derivedFrom is met: most files need none. */
struct index {
	struct slot *t;
	size_t cap, count;
	struct node_list *lists;
	size_t nlists;
	char **owned;		/* keys made here (array name prefixes) */
	size_t nowned;
	bool built;
};

/* Where an element's unqualified derivedFrom is looked for at last. */
struct scope {
	const struct chain *chain;	/* of N's container */
	const char *kind;		/* the container's */
};

struct svd {
	struct regdb_builder *b;
	struct error *e;
	const struct xml_node *device;
	unsigned nesting;
	struct index idx;
};

/* The indices of a dim array: one string per element. */
struct dim {
	unsigned count;		/* 1 when the element is no array */
	uint64_t increment;
	const char *increment_text;	/* as the file gives it */
	char **index;		/* NULL when no array */
};

static int fail(struct svd *s, const struct xml_node *n, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

static int fail(struct svd *s, const struct xml_node *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return rb_fail(s->b, s->e, n ? n->line : 1, "%s", msg);
}

static int nomem(struct svd *s)
{
	return error_set(s->e, EXIT_FAIL, "out of memory");
}

static uint32_t slot_hash(const struct xml_node *parent, const char *kind,
			  const char *name)
{
	uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)(uintptr_t)parent;

	for (const char *p = kind; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3u;
	h = (h ^ '/') * 0x100000001b3u;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3u;
	return (uint32_t)(h ^ (h >> 32));
}

/* The slot of the key: the one that holds it, else the empty one. */
static struct slot *slot_at(const struct index *x, uint32_t hash,
			    const struct xml_node *parent, const char *kind,
			    const char *name)
{
	size_t i = hash & (x->cap - 1);

	while (x->t[i].kind && (x->t[i].hash != hash ||
				x->t[i].parent != parent ||
				strcmp(x->t[i].kind, kind) ||
				strcmp(x->t[i].name, name)))
		i = (i + 1) & (x->cap - 1);
	return &x->t[i];
}

static const struct slot *lookup(const struct svd *s,
				 const struct xml_node *parent,
				 const char *kind, const char *name)
{
	const struct slot *sl;

	if (!s->idx.cap)
		return NULL;
	sl = slot_at(&s->idx, slot_hash(parent, kind, name), parent, kind,
		     name);
	return sl->kind ? sl : NULL;
}

/* The slot for the key, made when there is none; NULL when out of memory. */
static struct slot *slot_add(struct svd *s, const struct xml_node *parent,
			     const char *kind, const char *name)
{
	struct index *x = &s->idx;
	uint32_t hash = slot_hash(parent, kind, name);
	struct slot *sl;

	if ((x->count + 1) * 4 > x->cap * 3) {
		size_t cap = x->cap ? x->cap * 2 : 1024;
		struct slot *t = calloc(cap, sizeof(*t)), *old = x->t;
		size_t oldcap = x->cap;

		if (!t)
			return NULL;
		x->t = t;
		x->cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].kind)
				*slot_at(x, old[i].hash, old[i].parent,
					 old[i].kind, old[i].name) = old[i];
		free(old);
	}
	sl = slot_at(x, hash, parent, kind, name);
	if (!sl->kind) {
		sl->parent = parent;
		sl->kind = kind;
		sl->name = name;
		sl->hash = hash;
		x->count++;
	}
	return sl;
}

/* Add N to the list of SL's elements. */
static bool slot_list_add(struct index *x, struct slot *sl,
			  const struct xml_node *n)
{
	struct node_list *l;

	if (!sl->list) {
		struct node_list *ls = realloc(x->lists, (x->nlists + 1) *
					       sizeof(*ls));

		if (!ls)
			return false;
		x->lists = ls;
		memset(&ls[x->nlists], 0, sizeof(*ls));
		sl->list = (uint32_t)++x->nlists;
	}
	l = &x->lists[sl->list - 1];
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		const struct xml_node **a = realloc(l->n, cap * sizeof(*a));

		if (!a)
			return false;
		l->n = a;
		l->cap = cap;
	}
	l->n[l->len++] = n;
	return true;
}

static void index_free(struct index *x)
{
	for (size_t i = 0; i < x->nowned; i++)
		free(x->owned[i]);
	free(x->owned);
	for (size_t i = 0; i < x->nlists; i++)
		free(x->lists[i].n);
	free(x->lists);
	free(x->t);
	memset(x, 0, sizeof(*x));
}

static const char *text_of(const struct xml_node *n, const char *child)
{
	const struct xml_node *c = xml_child(n, child);

	return c ? c->text : NULL;
}

/* The element's own <name>. */
static const char *name_of(const struct xml_node *n)
{
	const char *t = text_of(n, "name");

	return t ? t : "";
}

/*
 * Index C, an array (NAME%s...) under N, by the part of its name before
 * the %s: a derivedFrom may name one of its elements (Renesas' P100PFS).
 */
static bool index_array(struct svd *s, const struct xml_node *n,
			const struct xml_node *c)
{
	const char *name = name_of(c);
	char *prefix = strndup(name, (size_t)(strstr(name, "%s") - name)),
	     **owned = realloc(s->idx.owned, (s->idx.nowned + 1) *
			       sizeof(*owned));
	struct slot *sl;

	if (owned)
		s->idx.owned = owned;
	if (!prefix || !owned) {
		free(prefix);
		return false;
	}
	s->idx.owned[s->idx.nowned++] = prefix;
	sl = slot_add(s, n, "#array", prefix);
	return sl && slot_list_add(&s->idx, sl, c);
}

/*
 * The array of KIND under CONTAINER one of whose elements is called NAME
 * (its name before the %s, an index, the rest), or NULL: a lookup per
 * length of the part before the index.
 */
static const struct xml_node *array_named(const struct svd *s,
					  const struct xml_node *container,
					  const char *kind, const char *name)
{
	size_t len = strlen(name);
	char prefix[REGDB_MAX_NAME + 1];

	if (len > REGDB_MAX_NAME)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		const struct slot *sl;
		const struct node_list *l;

		memcpy(prefix, name, i);
		prefix[i] = '\0';
		sl = lookup(s, container, "#array", prefix);
		if (!sl || !sl->list)
			continue;
		l = &s->idx.lists[sl->list - 1];
		for (size_t j = 0; j < l->len; j++) {
			const char *rest = strstr(name_of(l->n[j]), "%s") + 2;
			size_t rl = strlen(rest);

			if (strcmp(l->n[j]->name, kind) == 0 &&
			    len > i + rl && strcmp(name + len - rl, rest) == 0)
				return l->n[j];
		}
	}
	return NULL;
}

/* Index the named elements under N (N's own name is indexed by its parent). */
static bool index_build(struct svd *s, const struct xml_node *n)
{
	for (const struct xml_node *c = n->child; c; c = c->next) {
		bool enums = strcmp(c->name, "enumeratedValues") == 0;

		if (enums || strcmp(c->name, "peripheral") == 0 ||
		    strcmp(c->name, "cluster") == 0 ||
		    strcmp(c->name, "register") == 0 ||
		    strcmp(c->name, "field") == 0) {
			struct slot *sl = slot_add(s, enums ? NULL : n, c->name,
						   name_of(c));

			if (!sl)
				return false;
			if (!sl->first)
				sl->first = c;
			sl->last = c;
			if (enums && !slot_list_add(&s->idx, sl, c))
				return false;
			if (!enums && strstr(name_of(c), "%s") &&
			    !index_array(s, n, c))
				return false;
		}
		if (c->child && !index_build(s, c))
			return false;
	}
	return true;
}

/* The index, built the first time a derivedFrom needs it. */
static int index_ready(struct svd *s)
{
	if (s->idx.built)
		return 0;
	s->idx.built = true;
	if (!index_build(s, s->device)) {
		index_free(&s->idx);
		return nomem(s);
	}
	return 0;
}

/* The first CHILD along the chain: the element's own, else inherited. */
static const struct xml_node *cget(const struct chain *c, const char *child)
{
	for (unsigned i = 0; i < c->len; i++) {
		const struct xml_node *x = xml_child(c->n[i], child);

		if (x)
			return x;
	}
	return NULL;
}

static int number(struct svd *s, const struct xml_node *n, uint64_t *v)
{
	const char *why = regdb_xml_number(n->text, 0, v);

	if (why)
		return fail(s, n, "invalid number '%s' in <%s>: %s", n->text,
			    n->name, why);
	return 0;
}

static bool list_add(struct list *l, const struct xml_node *n)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		const struct xml_node **p = realloc(l->n, cap * sizeof(*p));

		if (!p)
			return false;
		l->n = p;
		l->cap = cap;
	}
	l->n[l->len++] = n;
	return true;
}

/* Where the children of element N live: <registers> or N itself. */
static const struct xml_node *container_of(const struct xml_node *n,
					   const char *kind)
{
	if (strcmp(kind, "peripheral") == 0)
		return xml_child(n, "registers");
	if (strcmp(kind, "register") == 0)
		return xml_child(n, "fields");
	return n;	/* cluster */
}

/* The kinds of child an element of KIND holds. */
static void child_kinds(const char *kind, const char **k1, const char **k2)
{
	bool reg = strcmp(kind, "register") == 0;

	*k1 = reg ? "field" : "register";
	*k2 = reg ? NULL : "cluster";
}

/* The child of kind K1 or K2 called NAME in CONTAINER: the later of the two. */
static const struct xml_node *named(const struct svd *s,
				    const struct xml_node *container,
				    const char *k1, const char *k2,
				    const char *name)
{
	const struct slot *a, *b;

	if (!container)
		return NULL;
	a = lookup(s, container, k1, name);
	b = k2 ? lookup(s, container, k2, name) : NULL;
	if (a && b)
		return a->last->line >= b->last->line ? a->last : b->last;
	return a ? a->last : b ? b->last : NULL;
}

/*
 * The effective children of the element chain C: the base's first, in its
 * order, each replaced by the nearest derived element's child of the same
 * name, then each derived element's new ones. Each child costs a lookup
 * per element of the chain, so a container of any size costs its size.
 */
static int children(struct svd *s, const struct chain *c, const char *kind,
		    struct list *out)
{
	const char *k1, *k2;

	child_kinds(kind, &k1, &k2);
	memset(out, 0, sizeof(*out));
	for (unsigned i = c->len; i-- > 0;) {
		const struct xml_node *cont = container_of(c->n[i], kind);

		if (!cont)
			continue;
		for (const struct xml_node *ch = cont->child; ch;
		     ch = ch->next) {
			const struct xml_node *pick = ch;
			const char *name;
			const struct slot *own;
			bool placed = false;

			if (strcmp(ch->name, k1) && (!k2 ||
						     strcmp(ch->name, k2)))
				continue;
			if (c->len == 1) {
				if (!list_add(out, ch))
					goto nomem;
				continue;
			}
			name = name_of(ch);
			/* Placed already where a base had the name. */
			for (unsigned j = i + 1; j < c->len && !placed; j++)
				placed = named(s, container_of(c->n[j], kind),
					       k1, k2, name) != NULL;
			if (placed)
				continue;
			/*
			 * Replaced by the nearest derived element's; a
			 * second of one name in one container stays (an
			 * error later).
			 */
			own = lookup(s, cont, ch->name, name);
			for (unsigned j = 0; own && own->first == ch && j < i;
			     j++) {
				const struct xml_node *o = named(
					s, container_of(c->n[j], kind), k1, k2,
					name);

				if (o) {
					pick = o;
					break;
				}
			}
			if (!list_add(out, pick))
				goto nomem;
		}
	}
	return 0;
nomem:
	free(out->n);
	out->n = NULL;
	return nomem(s);
}

/*
 * The element of KIND called NAME among the effective children of the
 * chain C of an element of OWNER_KIND: the nearest element's that has the
 * name.
 */
static const struct xml_node *chain_find(const struct svd *s,
					 const struct chain *c,
					 const char *owner_kind,
					 const char *kind, const char *name)
{
	const char *k1, *k2;

	child_kinds(owner_kind, &k1, &k2);
	for (unsigned i = 0; i < c->len; i++) {
		const struct xml_node *o = named(s, container_of(c->n[i],
								 owner_kind),
						 k1, k2, name);

		if (o)
			return strcmp(o->name, kind) == 0 ? o : NULL;
	}
	return NULL;
}

/* The child of kind KIND called NAME among CONTAINER's children. */
static const struct xml_node *child_named(const struct svd *s,
					  const struct xml_node *container,
					  const char *kind, const char *name)
{
	const struct slot *sl;

	if (!container)
		return NULL;
	sl = lookup(s, container, kind, name);
	return sl ? sl->first : NULL;
}

static int derive(struct svd *s, const struct xml_node *n, const char *kind,
		  const struct scope *scope, struct chain *c);

/* The element of KIND called NAME among the effective children of OWNER. */
static const struct xml_node *find_in(struct svd *s,
				      const struct xml_node *owner,
				      const char *owner_kind, const char *kind,
				      const char *name, int *err)
{
	struct chain c;

	if (derive(s, owner, owner_kind, NULL, &c)) {
		*err = -1;
		return NULL;
	}
	return chain_find(s, &c, owner_kind, kind, name);
}

/*
 * Resolve a dotted derivedFrom path (PERIPHERAL.[CLUSTER.]...NAME) to an
 * element of KIND, from the device down, else from N's peripheral down.
 */
static const struct xml_node *resolve_path(struct svd *s,
					   const struct xml_node *n,
					   const char *kind, const char *path,
					   int *err)
{
	char *copy = strdup(path), *save = NULL, *parts[16];
	const struct xml_node *cur;
	const char *cur_kind = "peripheral";
	unsigned np = 0, i = 1;

	if (!copy) {
		*err = nomem(s);
		return NULL;
	}
	for (char *t = strtok_r(copy, ".", &save); t && np < 16;
	     t = strtok_r(NULL, ".", &save))
		parts[np++] = t;
	cur = np ? child_named(s, xml_child(s->device, "peripherals"),
			       "peripheral", parts[0]) : NULL;
	if (!cur) {
		for (cur = n; cur && strcmp(cur->name, "peripheral");
		     cur = cur->parent)
			;
		i = 0;
	}
	for (; cur && i < np && !*err; i++) {
		const struct xml_node *next;

		if (i == np - 1) {
			cur = find_in(s, cur, cur_kind, kind, parts[i], err);
			free(copy);
			return cur;
		}
		next = find_in(s, cur, cur_kind, "cluster", parts[i], err);
		if (next) {
			cur_kind = "cluster";
		} else if (!*err) {
			next = find_in(s, cur, cur_kind, "register", parts[i],
				       err);
			cur_kind = "register";
		}
		cur = next;
	}
	free(copy);
	return NULL;
}

/*
 * The chain of N and what it derives from. A peripheral derives from
 * another peripheral; anything else from an unqualified name is looked for
 * among N's siblings, then in SCOPE (the effective children of N's
 * container, which may come from elsewhere), else a dotted path is resolved.
 * A chain is at most MAX_DERIVE long: each element looks its properties up
 * along its chain, so the bound keeps that cost a constant per element
 * (real descriptions derive once or twice).
 */
static int derive(struct svd *s, const struct xml_node *n, const char *kind,
		  const struct scope *scope, struct chain *c)
{
	bool peripheral = strcmp(kind, "peripheral") == 0;

	c->n[0] = n;
	c->len = 1;
	for (;;) {
		const struct xml_node *cur = c->n[c->len - 1], *base = NULL;
		const char *from = xml_attr(cur, "derivedFrom");
		int err = 0;

		if (!from)
			return 0;
		if (index_ready(s))
			return -1;
		if (s->nesting > MAX_NESTING)
			return fail(s, n, "%s %s: derivedFrom paths lead "
				    "through more than %d others (circular?)",
				    kind, name_of(n), MAX_NESTING);
		s->nesting++;
		if (peripheral)
			base = child_named(s, cur->parent, kind, from);
		else if (!strchr(from, '.')) {
			base = child_named(s, cur->parent, kind, from);
			if (!base && scope)
				base = chain_find(s, scope->chain, scope->kind,
						  kind, from);
			/* An element of an array: derives from the array. */
			if (!base)
				base = array_named(s, cur->parent, kind, from);
		}
		if (!base && !peripheral)
			base = resolve_path(s, cur, kind, from, &err);
		s->nesting--;
		if (err)
			return -1;
		if (!base)
			return fail(s, cur, "%s %s: derivedFrom '%s' names "
				    "no %s", kind, name_of(cur), from, kind);
		for (unsigned i = 0; i < c->len; i++)
			if (c->n[i] == base)
				return fail(s, cur, "%s %s: derivedFrom '%s' "
					    "is circular", kind, name_of(cur),
					    from);
		if (c->len == MAX_DERIVE)
			return fail(s, n, "%s %s: derivedFrom chain has more "
				    "than %d elements (iomap's limit; real "
				    "descriptions derive once or twice)", kind,
				    name_of(n), MAX_DERIVE);
		c->n[c->len++] = base;
	}
}

static void dim_free(struct dim *d)
{
	if (d->index)
		for (unsigned i = 0; i < d->count; i++)
			free(d->index[i]);
	free(d->index);
	d->index = NULL;
}

/* Split a dimIndex (A,B,C or 0-7 or A-D) into D's COUNT strings. */
static int dim_index(struct svd *s, const struct xml_node *n, struct dim *d)
{
	const char *t = n->text, *dash = strchr(t, '-');
	unsigned i = 0;
	unsigned long a, b;
	char *end;

	if (dash && !strchr(t, ',')) {
		if (t[0] >= 'A' && t[0] <= 'Z' && t[1] == '-' &&
		    dash[1] >= 'A' && dash[1] <= 'Z' && dash[2] == '\0') {
			a = (unsigned long)t[0];
			b = (unsigned long)dash[1];
		} else {
			a = strtoul(t, &end, 10);
			if (end != dash || t[0] < '0' || t[0] > '9')
				goto bad;
			b = strtoul(dash + 1, &end, 10);
			if (*end || dash[1] < '0' || dash[1] > '9')
				goto bad;
		}
		if (b < a || b - a + 1 != d->count)
			return fail(s, n, "dimIndex '%s' has %lu indices, dim "
				    "is %u", t, b < a ? 0 : b - a + 1,
				    d->count);
		for (i = 0; i < d->count; i++) {
			char buf[32];

			if (t[0] >= 'A' && t[0] <= 'Z' && t[1] == '-')
				snprintf(buf, sizeof(buf), "%c",
					 (char)(a + i));
			else
				snprintf(buf, sizeof(buf), "%lu", a + i);
			d->index[i] = strdup(buf);
			if (!d->index[i])
				return nomem(s);
		}
		return 0;
	}
	for (const char *p = t; *p; i++) {
		size_t len;

		while (*p == ' ')
			p++;
		len = strcspn(p, ",");
		while (len && p[len - 1] == ' ')
			len--;
		if (i >= d->count)
			return fail(s, n, "dimIndex '%s' has more indices than "
				    "dim %u", t, d->count);
		d->index[i] = strndup(p, len);
		if (!d->index[i])
			return nomem(s);
		if (!len || !rb_valid_name(d->index[i]))
			goto bad;
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	if (i != d->count)
		return fail(s, n, "dimIndex '%s' has %u indices, dim is %u", t,
			    i, d->count);
	return 0;
bad:
	return fail(s, n, "invalid dimIndex '%s' (A,B,C or 0-7 or A-D)", t);
}

/* The dim array of element N (its own: a derived element names itself). */
static int dim_of(struct svd *s, const struct xml_node *n, struct dim *d)
{
	const struct xml_node *dim = xml_child(n, "dim"),
			      *inc = xml_child(n, "dimIncrement"),
			      *idx = xml_child(n, "dimIndex");
	const char *name = name_of(n);
	uint64_t v;

	memset(d, 0, sizeof(*d));
	d->count = 1;
	if (!dim) {
		if (strstr(name, "%s"))
			return fail(s, n, "%s has %%s in its name but no "
				    "<dim>", name);
		return 0;
	}
	if (!strstr(name, "%s"))
		return fail(s, n, "%s has a <dim> but no %%s in its name",
			    name);
	if (number(s, dim, &v))
		return -1;
	if (v == 0 || v > REGDB_MAX_DIM)
		return fail(s, dim, "dim %s is not 1 to %u", dim->text,
			    REGDB_MAX_DIM);
	if (!inc)
		return fail(s, dim, "%s has a <dim> without <dimIncrement>",
			    name);
	if (number(s, inc, &d->increment))
		return -1;
	d->increment_text = inc->text;
	d->count = (unsigned)v;
	d->index = calloc(d->count, sizeof(*d->index));
	if (!d->index)
		return nomem(s);
	if (idx) {
		if (dim_index(s, idx, d) == 0)
			return 0;
		dim_free(d);
		return -1;
	}
	for (unsigned i = 0; i < d->count; i++) {
		char buf[16];

		snprintf(buf, sizeof(buf), "%u", i);
		d->index[i] = strdup(buf);
		if (!d->index[i]) {
			dim_free(d);
			return nomem(s);
		}
	}
	return 0;
}

/*
 * Append the LEN bytes at P to BUF (its SIZE bytes, *AT used), cut at the
 * end; a parse joins names this way for every element (snprintf cost a
 * sixth of it).
 */
static void append(char *buf, size_t size, size_t *at, const char *p,
		   size_t len)
{
	if (*at + len >= size)
		len = size - 1 - *at;
	memcpy(buf + *at, p, len);
	*at += len;
	buf[*at] = '\0';
}

/* NAME with %s replaced by element I's index, into BUF; checked. */
static int dim_name(struct svd *s, const struct xml_node *n,
		    const struct dim *d, unsigned i, char *buf, size_t len)
{
	const char *name = name_of(n), *pct = strstr(name, "%s");
	size_t at = 0;

	buf[0] = '\0';
	if (pct) {
		append(buf, len, &at, name, (size_t)(pct - name));
		append(buf, len, &at, d->index[i], strlen(d->index[i]));
		append(buf, len, &at, pct + 2, strlen(pct + 2));
	} else {
		append(buf, len, &at, name, strlen(name));
	}
	if (!rb_valid_name(buf) || at >= len - 1)
		return fail(s, n, "invalid name '%s'", buf);
	return 0;
}

/* The last part of a dotted name. */
static const char *short_name_of(const char *full)
{
	const char *dot = strrchr(full, '.');

	return dot ? dot + 1 : full;
}

/* PREFIX.NAME into BUF of SIZE bytes. */
static void join(char *buf, size_t size, const char *prefix, const char *name)
{
	size_t at = 0;

	buf[0] = '\0';
	append(buf, size, &at, prefix, strlen(prefix));
	append(buf, size, &at, ".", 1);
	append(buf, size, &at, name, strlen(name));
}

/*
 * The address of element I of N's dim array D: BASE (the container's
 * address) + OFF (N's addressOffset, or NULL for a peripheral's base) +
 * I * dimIncrement, refused when it passes 2^64 (it would land on another
 * register).
 */
static int dim_address(struct svd *s, const struct xml_node *n,
		       const char *kind, const struct dim *d, unsigned i,
		       uint64_t base, const struct xml_node *off,
		       uint64_t offset, uint64_t *out)
{
	uint64_t a, step;

	if (rb_add_wraps(base, offset, &a))
		return fail(s, off ? off : n, "%s %s: addressOffset %s from "
			    "0x%" PRIx64 " passes the end of the 64-bit "
			    "address space", kind, name_of(n),
			    off ? off->text : "", base);
	if (rb_mul_wraps(d->increment, i, &step) ||
	    rb_add_wraps(a, step, out))
		return fail(s, n, "%s %s: element %u at dimIncrement %s from "
			    "0x%" PRIx64 " passes the end of the 64-bit "
			    "address space", kind, name_of(n), i,
			    d->increment_text, a);
	return 0;
}

/* The access an <access> element gives; 1 when its text names none. */
static int access_of(struct svd *s, const struct xml_node *x,
		     enum regdb_access *a)
{
	return rb_access(s->b, x->line, x->text, a) ? 0 : 1;
}

/*
 * The writeConstraint of chain C into RF: a range, or the enumerated
 * values; writeAsRead says nothing a write could check.
 */
static int write_constraint(struct svd *s, const struct chain *c,
			    struct rb_field *rf)
{
	const struct xml_node *wc = cget(c, "writeConstraint"), *x, *lo, *hi;

	if (!wc)
		return 0;
	x = xml_child(wc, "useEnumeratedValues");
	if (x && (strcmp(x->text, "true") == 0 || strcmp(x->text, "1") == 0))
		rf->wc_enums = true;
	x = xml_child(wc, "range");
	if (x) {
		lo = xml_child(x, "minimum");
		hi = xml_child(x, "maximum");
		if (!lo || !hi) {
			rb_warn(s->b, x->line, "writeConstraint range without "
				"<minimum> and <maximum> ignored");
			return 0;
		}
		if (number(s, lo, &rf->wc_min) || number(s, hi, &rf->wc_max))
			return -1;
		if (rf->wc_min > rf->wc_max) {
			rb_warn(s->b, x->line, "writeConstraint range %s..%s "
				"is empty: ignored", lo->text, hi->text);
			return 0;
		}
		rf->wc_range = true;
	}
	return 0;
}

/* The modifiedWriteValues of chain C. */
static enum regdb_wmod wmod_of(struct svd *s, const struct chain *c)
{
	const struct xml_node *x = cget(c, "modifiedWriteValues");

	if (!x)
		return REGDB_W_NORMAL;
	for (unsigned w = REGDB_W_ONE_CLEAR; w <= REGDB_W_MODIFY; w++)
		if (strcasecmp(x->text, regdb_wmod_name(w)) == 0)
			return (enum regdb_wmod)w;
	rb_warn(s->b, x->line, "unknown modifiedWriteValues '%.64s' ignored",
		x->text);
	return REGDB_W_NORMAL;
}

/* The properties of chain C, falling back on the inherited P. */
static int props_of(struct svd *s, const struct chain *c,
		    const struct props *p, struct props *out)
{
	const struct xml_node *x;
	uint64_t v;

	*out = *p;
	x = cget(c, "size");
	if (x) {
		if (number(s, x, &v))
			return -1;
		if (v == 1 || v == 2 || v == 4) {
			/* Bytes, as some vendors write it (NXP LPC). */
			rb_warn(s->b, x->line, "size %s read as bytes (%u "
				"bits)", x->text, (unsigned)v * 8);
			v *= 8;
		}
		if (v != 8 && v != 16 && v != 32 && v != 64)
			return fail(s, x, "size %s is not 8, 16, 32 or 64 "
				    "bits", x->text);
		out->size = (unsigned)v;
	}
	x = cget(c, "access");
	if (x) {
		int rc = access_of(s, x, &out->access);

		if (rc < 0)
			return -1;
		if (rc == 0)
			out->has_access = true;
	}
	x = cget(c, "resetValue");
	if (x) {
		if (number(s, x, &out->reset))
			return -1;
		out->has_reset = true;
	}
	return 0;
}

/* True when the names above enumeratedValues C qualify it as PATH says. */
static bool enums_qualified(const struct xml_node *c, const char *path,
			    const char *last)
{
	const struct xml_node *up = c->parent;
	const char *end = last == path ? NULL : last - 1;
	bool ok = true;

	while (end && ok) {
		const char *start = end;
		size_t len;

		while (start > path && start[-1] != '.')
			start--;
		len = (size_t)(end - start);
		while (up && !xml_child(up, "name"))
			up = up->parent;
		ok = up && strlen(name_of(up)) == len &&
		     strncmp(name_of(up), start, len) == 0;
		if (up)
			up = up->parent;
		end = start > path ? start - 1 : NULL;
	}
	return ok;
}

/*
 * The enumeratedValues element a derivedFrom path names, the first in the
 * document, or NULL; each path is resolved once. *ERR is set when out of
 * memory.
 */
static const struct xml_node *find_enums(struct svd *s, const char *path,
					 int *err)
{
	const char *last = strrchr(path, '.');
	const struct slot *named_so;
	const struct xml_node *found = NULL;
	struct slot *memo;

	if (index_ready(s)) {
		*err = -1;
		return NULL;
	}
	named_so = lookup(s, NULL, "#path", path);
	if (named_so)
		return named_so->first;
	last = last ? last + 1 : path;
	named_so = lookup(s, NULL, "enumeratedValues", last);
	if (named_so && named_so->list) {
		const struct node_list *l = &s->idx.lists[named_so->list - 1];

		for (size_t i = 0; i < l->len && !found; i++)
			if (enums_qualified(l->n[i], path, last))
				found = l->n[i];
	}
	memo = slot_add(s, NULL, "#path", path);
	if (!memo) {
		*err = nomem(s);
		return NULL;
	}
	memo->first = found;
	return found;
}

/* Add one enumeratedValue, unless its name came already. */
static int add_enum(struct svd *s, const struct xml_node *v)
{
	const struct xml_node *value = xml_child(v, "value"),
			      *isdef = xml_child(v, "isDefault");
	const char *name = name_of(v), *why, *same;
	char buf[128];
	uint64_t x;

	if (!value) {
		if (isdef)
			return 0;	/* "every other value": no number */
		return fail(s, v, "enumeratedValue %s has no <value>", name);
	}
	/* Don't-care bits ('x' in binary) read as 0. */
	snprintf(buf, sizeof(buf), "%s", value->text);
	if (buf[0] == '#' || (buf[0] == '0' && (buf[1] == 'b' ||
						buf[1] == 'B')))
		for (char *p = buf + 2; *p; p++)
			if (*p == 'x' || *p == 'X')
				*p = '0';
	if (buf[0] == '#' && (buf[1] == 'x' || buf[1] == 'X'))
		buf[1] = '0';
	why = regdb_xml_number(buf, 0, &x);
	if (why)
		return fail(s, value, "invalid number '%s' in <value>: %s",
			    value->text, why);
	same = rb_enum_named(s->b, name);
	if (same && strcmp(same, name) == 0)
		return 0;	/* a second usage's, or a repeat */
	return rb_enum(s->b, name, x, text_of(v, "description"), v->line,
		       s->e);
}

static int field_enums(struct svd *s, const struct chain *c)
{
	for (unsigned i = 0; i < c->len; i++) {
		bool any = false;

		for (const struct xml_node *ev = c->n[i]->child; ev;
		     ev = ev->next) {
			const char *from;
			const struct xml_node *src = ev;

			if (strcmp(ev->name, "enumeratedValues"))
				continue;
			any = true;
			from = xml_attr(ev, "derivedFrom");
			if (from) {
				int err = 0;

				src = find_enums(s, from, &err);
				if (err)
					return -1;
				if (!src)
					return fail(s, ev, "enumeratedValues "
						    "derivedFrom '%s' names "
						    "no enumeratedValues",
						    from);
			}
			for (const struct xml_node *v = src->child; v;
			     v = v->next)
				if (strcmp(v->name, "enumeratedValue") == 0 &&
				    add_enum(s, v))
					return -1;
		}
		if (any)
			break;
	}
	return 0;
}

/* The bits of a field: bitRange, bitOffset[+bitWidth] or lsb+msb. */
static int field_bits(struct svd *s, const struct chain *c,
		      const struct xml_node *f, unsigned *hi, unsigned *lo)
{
	for (unsigned i = 0; i < c->len; i++) {
		const struct xml_node *n = c->n[i], *x, *y;
		uint64_t a, b = 1;

		if ((x = xml_child(n, "bitRange"))) {
			const char *t = x->text, *colon = strchr(t, ':');
			char buf[64];

			if (t[0] != '[' || !colon || strlen(t) < 5 ||
			    t[strlen(t) - 1] != ']' || strlen(t) >= 64)
				return fail(s, x, "invalid bitRange '%s' (give "
					    "[MSB:LSB])", t);
			memcpy(buf, t + 1, (size_t)(colon - t - 1));
			buf[colon - t - 1] = '\0';
			if (regdb_xml_number(buf, 0, &a))
				return fail(s, x, "invalid bitRange '%s'", t);
			memcpy(buf, colon + 1, strlen(colon) - 2);
			buf[strlen(colon) - 2] = '\0';
			if (regdb_xml_number(buf, 0, &b))
				return fail(s, x, "invalid bitRange '%s'", t);
			if (a > 63 || b > 63)
				return fail(s, x, "bitRange '%s' is beyond "
					    "bit 63", t);
			*hi = (unsigned)a;
			*lo = (unsigned)b;
			return 0;
		}
		if ((x = xml_child(n, "bitOffset"))) {
			if (number(s, x, &a))
				return -1;
			y = xml_child(n, "bitWidth");
			if (y && number(s, y, &b))
				return -1;
			if (a > 63 || b == 0 || b > 64 || a + b > 64)
				return fail(s, x, "bits %s+%" PRIu64 " are "
					    "beyond bit 63 or empty", x->text,
					    b);
			*lo = (unsigned)a;
			*hi = (unsigned)(a + b - 1);
			return 0;
		}
		x = xml_child(n, "lsb");
		y = xml_child(n, "msb");
		if (x || y) {
			if (!x || !y)
				return fail(s, x ? x : y, "<lsb> and <msb> go "
					    "together");
			if (number(s, x, &a) || number(s, y, &b))
				return -1;
			if (a > 63 || b > 63)
				return fail(s, y, "bits %s:%s are beyond bit "
					    "63", y->text, x->text);
			*lo = (unsigned)a;
			*hi = (unsigned)b;
			return 0;
		}
	}
	return fail(s, f, "field %s has no bitRange, bitOffset or lsb/msb",
		    name_of(f));
}

static bool has_read_action(const struct chain *c)
{
	return cget(c, "readAction") != NULL;
}

static int walk_field(struct svd *s, const struct xml_node *f,
		      const struct scope *scope, enum regdb_access reg_access,
		      enum regdb_wmod reg_wmod)
{
	struct chain c;
	struct dim d;
	unsigned hi = 0, lo = 0;
	const struct xml_node *x;
	struct rb_field rf = { .line = f->line };
	int rc = 0;

	if (derive(s, f, "field", scope, &c) ||
	    field_bits(s, &c, f, &hi, &lo) || dim_of(s, f, &d))
		return -1;
	rf.access = reg_access;
	x = cget(&c, "access");
	if (x && access_of(s, x, &rf.access) < 0) {
		dim_free(&d);
		return -1;
	}
	rf.side_effects = has_read_action(&c);
	rf.wmod = wmod_of(s, &c);
	if (rf.wmod == REGDB_W_NORMAL)
		rf.wmod = reg_wmod;
	if (write_constraint(s, &c, &rf)) {
		dim_free(&d);
		return -1;
	}
	x = cget(&c, "description");
	rf.desc = x ? x->text : NULL;
	for (unsigned i = 0; i < d.count && rc == 0; i++) {
		char name[REGDB_MAX_NAME + 1];
		uint64_t shift = 0;

		if (dim_name(s, f, &d, i, name, sizeof(name))) {
			rc = -1;
			break;
		}
		if (d.index && (rb_mul_wraps(d.increment, i, &shift) ||
				shift > 63 || hi + shift > 63)) {
			rc = fail(s, f, "field %s (element %u at dimIncrement "
				  "%s) is beyond bit 63", name, i,
				  d.increment_text);
			break;
		}
		rf.name = name;
		rf.hi = hi + (unsigned)shift;
		rf.lo = lo + (unsigned)shift;
		rc = rb_field(s->b, &rf, s->e);
		if (rc == 0)
			rc = field_enums(s, &c);
	}
	dim_free(&d);
	return rc;
}

/* Where and how a register or cluster is being placed. */
struct ctx {
	const char *prefix;	/* PERIPHERAL[.CLUSTER...] */
	uint64_t base;
	struct props props;
	const struct scope *scope;
};

static int walk_register(struct svd *s, const struct xml_node *r,
			 const struct ctx *ctx)
{
	struct chain c;
	struct dim d;
	struct props p;
	struct list fields;
	const struct xml_node *off, *desc, *group;
	enum regdb_wmod wmod;
	uint64_t offset;
	int rc = 0;

	if (derive(s, r, "register", ctx->scope, &c) ||
	    props_of(s, &c, &ctx->props, &p))
		return -1;
	off = cget(&c, "addressOffset");
	if (!off)
		return fail(s, r, "register %s has no addressOffset",
			    name_of(r));
	if (number(s, off, &offset) || dim_of(s, r, &d))
		return -1;
	if (children(s, &c, "register", &fields)) {
		dim_free(&d);
		return -1;
	}
	desc = cget(&c, "description");
	group = cget(&c, "alternateGroup");
	wmod = wmod_of(s, &c);
	for (unsigned i = 0; i < d.count && rc == 0; i++) {
		char name[REGDB_MAX_NAME + 1], full[2 * REGDB_MAX_NAME + 2];
		struct rb_reg rr = {
			.desc = desc ? desc->text : NULL,
			.width = (p.size ? p.size : 32) / 8,
			.access = p.has_access ? p.access : REGDB_RW,
			.side_effects = has_read_action(&c),
			.has_reset = p.has_reset,
			.reset = p.reset,
			.line = r->line,
		};

		if (dim_name(s, r, &d, i, name, sizeof(name)) ||
		    dim_address(s, r, "register", &d, i, ctx->base, off,
				offset, &rr.address)) {
			rc = -1;
			break;
		}
		join(full, sizeof(full), ctx->prefix, name);
		if (group && *group->text) {
			/* A view in an alternate group: NAME_GROUP. */
			size_t at = strlen(full);

			append(full, sizeof(full), &at, "_", 1);
			append(full, sizeof(full), &at, group->text,
			       strlen(group->text));
			if (!rb_valid_name(short_name_of(full))) {
				rc = fail(s, group, "invalid alternateGroup "
					  "'%s'", group->text);
				break;
			}
		}
		rr.name = full;
		rc = rb_register(s->b, &rr, s->e);
		for (size_t j = 0; rc == 0 && j < fields.len; j++)
			rc = walk_field(s, fields.n[j],
					&(struct scope){ &c, "register" },
					rr.access, wmod);
	}
	free(fields.n);
	dim_free(&d);
	return rc;
}

static int walk_items(struct svd *s, const struct list *items,
		      const struct ctx *ctx);

static int walk_cluster(struct svd *s, const struct xml_node *cl,
			const struct ctx *ctx)
{
	struct chain c;
	struct dim d;
	struct props p;
	struct list items;
	const struct xml_node *off;
	uint64_t offset;
	int rc = 0;

	if (s->nesting >= MAX_NESTING)
		return fail(s, cl, "clusters nested more than %d deep (a "
			    "circular derivedFrom?)", MAX_NESTING);
	if (derive(s, cl, "cluster", ctx->scope, &c) ||
	    props_of(s, &c, &ctx->props, &p))
		return -1;
	off = cget(&c, "addressOffset");
	if (!off)
		return fail(s, cl, "cluster %s has no addressOffset",
			    name_of(cl));
	if (number(s, off, &offset) || dim_of(s, cl, &d))
		return -1;
	if (children(s, &c, "cluster", &items)) {
		dim_free(&d);
		return -1;
	}
	s->nesting++;
	for (unsigned i = 0; i < d.count && rc == 0; i++) {
		char name[REGDB_MAX_NAME + 1], full[2 * REGDB_MAX_NAME + 2];
		struct ctx sub = {
			.prefix = full,
			.props = p,
			.scope = &(struct scope){ &c, "cluster" },
		};

		if (dim_name(s, cl, &d, i, name, sizeof(name)) ||
		    dim_address(s, cl, "cluster", &d, i, ctx->base, off,
				offset, &sub.base)) {
			rc = -1;
			break;
		}
		join(full, sizeof(full), ctx->prefix, name);
		if (strlen(full) > REGDB_MAX_NAME) {
			rc = fail(s, cl, "name too long");
			break;
		}
		rc = walk_items(s, &items, &sub);
	}
	s->nesting--;
	free(items.n);
	dim_free(&d);
	return rc;
}

static int walk_items(struct svd *s, const struct list *items,
		      const struct ctx *ctx)
{
	for (size_t i = 0; i < items->len; i++) {
		const struct xml_node *n = items->n[i];
		int rc = strcmp(n->name, "cluster") == 0
			 ? walk_cluster(s, n, ctx) : walk_register(s, n, ctx);

		if (rc)
			return -1;
	}
	return 0;
}

static int walk_peripheral(struct svd *s, const struct xml_node *pe,
			   const struct props *dev)
{
	struct chain c;
	struct dim d;
	struct props p;
	struct list items;
	const struct xml_node *base;
	uint64_t addr;
	int rc = 0;

	if (derive(s, pe, "peripheral", NULL, &c) ||
	    props_of(s, &c, dev, &p))
		return -1;
	if (!xml_child(pe, "name"))
		return fail(s, pe, "peripheral without a <name>");
	base = cget(&c, "baseAddress");
	if (!base)
		return fail(s, pe, "peripheral %s has no baseAddress",
			    name_of(pe));
	if (number(s, base, &addr) || dim_of(s, pe, &d))
		return -1;
	if (children(s, &c, "peripheral", &items)) {
		dim_free(&d);
		return -1;
	}
	for (unsigned i = 0; i < d.count && rc == 0; i++) {
		char name[REGDB_MAX_NAME + 1];
		struct ctx ctx = {
			.prefix = name,
			.props = p,
			.scope = &(struct scope){ &c, "peripheral" },
		};

		rc = dim_name(s, pe, &d, i, name, sizeof(name));
		if (rc == 0)
			rc = dim_address(s, pe, "peripheral", &d, i, addr,
					 NULL, 0, &ctx.base);
		if (rc == 0)
			rc = walk_items(s, &items, &ctx);
	}
	free(items.n);
	dim_free(&d);
	return rc;
}

int regdb_svd_parse(struct regdb_builder *b, const struct xml_node *root,
		    struct error *e)
{
	struct svd s = { .b = b, .e = e, .device = root };
	struct chain dev = { .n = { root }, .len = 1 };
	const struct xml_node *ps = xml_child(root, "peripherals");
	struct props p = { 0 };
	int rc = 0;

	if (props_of(&s, &dev, &(struct props){ 0 }, &p))
		return -1;
	if (!ps)
		return rb_fail(b, e, root->line, "<device> without "
			       "<peripherals>");
	for (const struct xml_node *pe = ps->child; pe && rc == 0;
	     pe = pe->next)
		if (strcmp(pe->name, "peripheral") == 0)
			rc = walk_peripheral(&s, pe, &p);
	index_free(&s.idx);
	return rc;
}
