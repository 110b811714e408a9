// SPDX-License-Identifier: GPL-2.0-or-later
/* A small element tree built with expat, the one file that includes it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifdef HAVE_EXPAT
#include <expat.h>
#endif

#include "regdb_int.h"

/* Nesting deeper than this is refused: no description needs it. */
#define XML_MAX_DEPTH 64

/*
 * Memory handed out in chunks and freed at once. Chunks are mapped with
 * their pages populated: a large description builds a large tree, and
 * faulting its pages in one by one costs more than parsing it.
 */
#define ARENA_FIRST (1u << 16)	/* then twice the last, up to ARENA_MAX */
#define ARENA_MAX (1u << 22)

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct xml_doc {
	struct arena_chunk *chunks;
	struct xml_node *root;
};

#ifdef HAVE_EXPAT
/*
 * N bytes, in steps of 8 (every thing in the tree holds pointers at most; a
 * step of 16 made the tree of a large file a fifth larger).
 */
static void *arena_alloc(struct xml_doc *d, size_t n)
{
	struct arena_chunk *c = d->chunks;

	n = (n + 7) & ~(size_t)7;
	if (!c || c->size - c->used < n) {
		size_t size = c ? (c->size + sizeof(*c)) * 2 : ARENA_FIRST;
		void *p;

		if (size > ARENA_MAX)
			size = ARENA_MAX;
		if (size < n + sizeof(*c))
			size = n + sizeof(*c);
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p == MAP_FAILED)
			return NULL;
		c = p;
		c->size = size - sizeof(*c);
		c->used = 0;
		c->next = d->chunks;
		d->chunks = c;
	}
	c->used += n;
	return (char *)c->data + c->used - n;
}
#endif

const struct xml_node *xml_root(const struct xml_doc *doc)
{
	return doc->root;
}

void xml_free(struct xml_doc *doc)
{
	if (!doc)
		return;
	while (doc->chunks) {
		struct arena_chunk *next = doc->chunks->next;

		munmap(doc->chunks, doc->chunks->size + sizeof(*doc->chunks));
		doc->chunks = next;
	}
	free(doc);
}

const struct xml_node *xml_child(const struct xml_node *n, const char *name)
{
	/* The first byte first: most children differ there (the parsers
	 * look children up by name for every element they read). */
	for (const struct xml_node *c = n->child; c; c = c->next)
		if (c->name[0] == name[0] && strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const char *xml_attr(const struct xml_node *n, const char *name)
{
	for (unsigned i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			return n->attrs[i].value;
	return NULL;
}

#ifdef HAVE_EXPAT

bool xml_available(void)
{
	return true;
}

#define NAMES 512	/* distinct element and attribute names kept */

/* The state of one parse. */
struct xml_ctx {
	const char *names[NAMES];	/* each name once, open addressing */
	XML_Parser parser;
	struct xml_doc *doc;
	struct xml_node *cur;
	/* The last child of each open element, where the next one goes. */
	struct xml_node *tail[XML_MAX_DEPTH + 1];
	unsigned depth;
	char *text;		/* character data of the current element */
	size_t len, cap;
	size_t nnames;
	bool failed;		/* out of memory or too deep */
	const char *why;
	unsigned why_line;
};

static const struct {
	const char *uri;
	enum xml_ns ns;
} namespaces[] = {
	{ "http://www.accellera.org/XMLSchema/IPXACT/1685-2014", XML_NS_IPXACT },
	{ "http://www.accellera.org/XMLSchema/IPXACT/1685-2022", XML_NS_IPXACT },
	{ "http://www.spiritconsortium.org/XMLSchema/SPIRIT/1685-2009",
	  XML_NS_SPIRIT },
	{ "http://www.spiritconsortium.org/XMLSchema/SPIRIT/1.5", XML_NS_SPIRIT },
	{ "http://www.spiritconsortium.org/XMLSchema/SPIRIT/1.4", XML_NS_SPIRIT },
};

/* Split expat's "URI|local" into the local name and its namespace. */
static const char *split_name(const char *name, enum xml_ns *ns)
{
	const char *bar = strrchr(name, '|');

	*ns = XML_NS_NONE;
	if (!bar)
		return name;
	*ns = XML_NS_OTHER;
	for (size_t i = 0; i < sizeof(namespaces) / sizeof(namespaces[0]); i++)
		if (strlen(namespaces[i].uri) == (size_t)(bar - name) &&
		    memcmp(namespaces[i].uri, name, (size_t)(bar - name)) == 0)
			*ns = namespaces[i].ns;
	return bar + 1;
}

static char *arena_strdup(struct xml_doc *d, const char *s, size_t n)
{
	char *p = arena_alloc(d, n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* NAME, copied once per parse: descriptions repeat a few dozen names. */
static const char *intern(struct xml_ctx *x, const char *name)
{
	size_t len = strlen(name), h = 5381, i;

	for (i = 0; i < len; i++)
		h = h * 33 + (unsigned char)name[i];
	for (i = h % NAMES; x->names[i]; i = (i + 1) % NAMES)
		if (strcmp(x->names[i], name) == 0)
			return x->names[i];
	if (x->nnames >= NAMES / 2)
		return arena_strdup(x->doc, name, len);
	x->names[i] = arena_strdup(x->doc, name, len);
	x->nnames++;
	return x->names[i];
}

static void stop(struct xml_ctx *x, const char *why)
{
	if (!x->failed) {
		x->failed = true;
		x->why = why;
		x->why_line = (unsigned)XML_GetCurrentLineNumber(x->parser);
	}
	XML_StopParser(x->parser, XML_FALSE);
}

static void XMLCALL on_start(void *data, const XML_Char *name,
			     const XML_Char **atts)
{
	struct xml_ctx *x = data;
	struct xml_node *n;
	const char *local;
	unsigned na = 0;

	if (x->failed)
		return;
	if (++x->depth > XML_MAX_DEPTH) {
		stop(x, "elements nested too deeply");
		return;
	}
	n = arena_alloc(x->doc, sizeof(*n));
	if (!n) {
		stop(x, "out of memory");
		return;
	}
	memset(n, 0, sizeof(*n));
	local = split_name(name, &n->ns);
	n->name = intern(x, local);
	n->line = (unsigned)XML_GetCurrentLineNumber(x->parser);
	n->text = "";
	while (atts[2 * na])
		na++;
	if (na) {
		n->attrs = arena_alloc(x->doc, na * sizeof(*n->attrs));
		if (!n->attrs) {
			stop(x, "out of memory");
			return;
		}
		for (unsigned i = 0; i < na; i++) {
			enum xml_ns ns;

			local = split_name(atts[2 * i], &ns);
			n->attrs[i].name = intern(x, local);
			n->attrs[i].value = arena_strdup(x->doc, atts[2 * i + 1],
							 strlen(atts[2 * i + 1]));
			if (!n->attrs[i].name || !n->attrs[i].value) {
				stop(x, "out of memory");
				return;
			}
		}
		n->nattrs = na;
	}
	if (!n->name) {
		stop(x, "out of memory");
		return;
	}
	n->parent = x->cur;
	x->tail[x->depth] = NULL;	/* N's children: none yet */
	if (x->cur) {
		if (x->tail[x->depth - 1])
			x->tail[x->depth - 1]->next = n;
		else
			x->cur->child = n;
		x->tail[x->depth - 1] = n;
	} else {
		x->doc->root = n;
	}
	x->cur = n;
	x->len = 0;
}

/* A blank of XML: strchr(" \t\r\n", c) matches the NUL too, and costs more. */
static inline bool blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
	struct xml_ctx *x = data;
	struct xml_node *n = x->cur;
	size_t i = 0, j = 0;

	(void)name;
	if (x->failed || !n)
		return;
	x->depth--;
	if (!n->child && x->len) {
		/* Trim and collapse blanks: descriptions span lines. */
		char *t = x->text;

		while (i < x->len) {
			if (blank(t[i])) {
				while (i < x->len && blank(t[i]))
					i++;
				if (j && i < x->len)
					t[j++] = ' ';
			} else {
				t[j++] = t[i++];
			}
		}
		n->text = arena_strdup(x->doc, t, j);
		if (!n->text) {
			stop(x, "out of memory");
			return;
		}
	}
	x->len = 0;
	x->cur = n->parent;
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
	struct xml_ctx *x = data;

	if (x->failed || !x->cur || x->cur->child || len <= 0)
		return;
	if (x->len + (size_t)len + 1 > x->cap) {
		size_t cap = (x->len + (size_t)len + 1) * 2;
		char *t = realloc(x->text, cap);

		if (!t) {
			stop(x, "out of memory");
			return;
		}
		x->text = t;
		x->cap = cap;
	}
	memcpy(x->text + x->len, s, (size_t)len);
	x->len += (size_t)len;
}

int xml_parse(const char *file, const char *data, size_t len,
	      struct xml_doc **doc, struct error *e)
{
	struct xml_ctx x;
	int status = 0;

	memset(&x, 0, sizeof(x));
	x.doc = calloc(1, sizeof(*x.doc));
	x.parser = XML_ParserCreateNS(NULL, '|');
	if (!x.doc || !x.parser) {
		free(x.doc);
		if (x.parser)
			XML_ParserFree(x.parser);
		return error_set(e, EXIT_FAIL, "%s: out of memory", file);
	}
	XML_SetUserData(x.parser, &x);
	XML_SetElementHandler(x.parser, on_start, on_end);
	XML_SetCharacterDataHandler(x.parser, on_text);
	/* Fed in pieces: expat copies each into a buffer it keeps. */
	while (status == 0) {
		size_t n = len > (1u << 18) ? (1u << 18) : len;

		if (XML_Parse(x.parser, data, (int)n, n == len) !=
		    XML_STATUS_OK)
			status = -1;
		data += n;
		len -= n;
		if (len == 0)
			break;
	}
	if (status || x.failed || !x.doc->root) {
		if (x.failed)
			error_set(e, strcmp(x.why, "out of memory") == 0
				  ? EXIT_FAIL : EXIT_USAGE,
				  "%s:%u: %s", file, x.why_line, x.why);
		else if (status)
			error_set(e, EXIT_USAGE, "%s:%lu: malformed XML: %s",
				  file, XML_GetCurrentLineNumber(x.parser),
				  XML_ErrorString(XML_GetErrorCode(x.parser)));
		else
			error_set(e, EXIT_USAGE, "%s:1: no XML element",
				  file);
		XML_ParserFree(x.parser);
		free(x.text);
		xml_free(x.doc);
		return -1;
	}
	XML_ParserFree(x.parser);
	free(x.text);
	*doc = x.doc;
	return 0;
}

#else

bool xml_available(void)
{
	return false;
}

int xml_parse(const char *file, const char *data, size_t len,
	      struct xml_doc **doc, struct error *e)
{
	(void)data;
	(void)len;
	(void)doc;
	error_set(e, EXIT_USAGE, "%s is XML (CMSIS-SVD or IP-XACT), and this "
		  "iomap was built without an XML library", file);
	error_hint(e, "install expat's development files and build iomap "
		   "again (Debian, Ubuntu: apt-get install libexpat1-dev; "
		   "Fedora: dnf install expat-devel), or write the registers "
		   "in iomap's text format (iomap(1), REGISTER DESCRIPTIONS)");
	return -1;
}

#endif
