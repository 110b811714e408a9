// SPDX-License-Identifier: GPL-2.0-or-later
/* Parsing /proc/iomem and looking entries up by name or address. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iomem.h"
#include "readfile.h"

/* A hexadecimal number of up to 64 bits at *P, advancing *P; false if none. */
static bool parse_hex(const char **p, const char *end, uint64_t *val)
{
	const char *s = *p;
	uint64_t v = 0;

	if (s == end)
		return false;
	for (; s < end; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (v >> 60)
			return false;	/* more than 64 bits */
		v = v << 4 | d;
	}
	if (s == *p)
		return false;
	*p = s;
	*val = v;
	return true;
}

/* Parse one line P..END (no newline, writable copy) into ENT. */
static bool parse_line(char *p, char *end, struct iomem_entry *ent)
{
	const char *q;
	size_t spaces = 0;

	while (p < end && *p == ' ') {
		p++;
		spaces++;
	}
	ent->depth = spaces / 2;
	q = p;
	if (!parse_hex(&q, end, &ent->start) || q == end || *q != '-')
		return false;
	q++;
	if (!parse_hex(&q, end, &ent->end) || ent->start > ent->end ||
	    end - q < 3 || memcmp(q, " : ", 3) != 0)
		return false;
	q += 3;
	if (memchr(q, '\0', end - q))
		return false;
	*end = '\0';
	ent->name = q;
	return true;
}

int iomem_parse(const char *text, size_t len, struct iomem *m,
		const char *what, struct error *e)
{
	long stack[IOMEM_DEPTH_MAX] = { 0 };
	size_t cap = 0, line = 0;
	char *p, *end, *limit;

	memset(m, 0, sizeof(*m));
	m->text = malloc(len + 1);
	if (!m->text)
		return error_set(e, EXIT_FAIL, "out of memory");
	limit = m->text + len;
	memcpy(m->text, text, len);
	m->text[len] = '\0';
	for (p = m->text; p < limit; p = end + 1) {
		struct iomem_entry ent;
		char *nl = memchr(p, '\n', limit - p);

		end = nl ? nl : limit;
		line++;
		if (!parse_line(p, end, &ent)) {
			iomem_free(m);
			return error_set(e, EXIT_FAIL, "line %zu of %s is not "
					 "\"START-END : NAME\"", line, what);
		}
		if (ent.depth >= IOMEM_DEPTH_MAX ||
		    (m->n ? ent.depth > m->v[m->n - 1].depth + 1
			  : ent.depth > 0)) {
			iomem_free(m);
			return error_set(e, EXIT_FAIL, "line %zu of %s is "
					 "nested deeper than the line before "
					 "it", line, what);
		}
		ent.parent = ent.depth ? stack[ent.depth - 1] : -1;
		if (m->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct iomem_entry *v = realloc(m->v,
							ncap * sizeof(*v));

			if (!v) {
				iomem_free(m);
				return error_set(e, EXIT_FAIL, "out of memory");
			}
			m->v = v;
			cap = ncap;
		}
		stack[ent.depth] = (long)m->n;
		m->v[m->n++] = ent;
	}
	m->zeroed = m->n > 0;
	for (size_t i = 0; i < m->n && m->zeroed; i++)
		m->zeroed = m->v[i].start == 0 && m->v[i].end == 0;
	return 0;
}

int iomem_read(const char *path, struct iomem *m, struct error *e)
{
	size_t len;
	char *buf;
	int fd, ret;

	memset(m, 0, sizeof(*m));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error_set(e, EXIT_FAIL, "cannot read %s: %s", path,
				 strerror(errno));
	ret = readfile_fd(fd, path, IOMEM_MAX, 0, EXIT_FAIL, &buf, &len, e);
	close(fd);
	if (ret)
		return -1;
	ret = iomem_parse(buf, len, m, path, e);
	free(buf);
	return ret;
}

void iomem_free(struct iomem *m)
{
	free(m->v);
	free(m->text);
	memset(m, 0, sizeof(*m));
}

long iomem_next(const struct iomem *m, const char *name, size_t from)
{
	for (size_t i = from; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return (long)i;
	return -1;
}

long iomem_holding(const struct iomem *m, uint64_t addr)
{
	long hit = -1;

	if (m->zeroed)
		return -1;
	for (size_t i = 0; i < m->n; i++)
		if (addr >= m->v[i].start && addr <= m->v[i].end &&
		    (hit < 0 || m->v[i].depth > m->v[hit].depth))
			hit = (long)i;
	return hit;
}

long iomem_find_one(const struct iomem *m, const char *name, const char *what,
		    struct error *e)
{
	char list[1024];
	size_t used = 0, count = 0;
	long first = iomem_next(m, name, 0);

	if (m->zeroed) {
		error_set(e, EXIT_FAIL, "%s shows every range as 0: only a "
			  "privileged reader sees the addresses", what);
		error_hint(e, "run iomap as root (CAP_SYS_ADMIN)");
		return -1;
	}
	list[0] = '\0';
	for (long i = first; i >= 0; i = iomem_next(m, name, i + 1)) {
		if (used < sizeof(list))
			used += snprintf(list + used, sizeof(list) - used,
					 "%s%08" PRIx64 "-%08" PRIx64,
					 count ? ", " : "", m->v[i].start,
					 m->v[i].end);
		count++;
	}
	if (count == 1)
		return first;
	if (count > 1) {
		error_set(e, EXIT_USAGE, "%zu entries of %s are named \"%s\": "
			  "%s", count, what, name, list);
		error_hint(e, "reach one by its physical address through "
			   "/dev/mem instead");
		return -1;
	}
	error_set(e, EXIT_USAGE, "no entry of %s is named \"%s\"", what, name);
	for (size_t i = 0; i < m->n && *name; i++) {
		if (!strstr(m->v[i].name, name))
			continue;
		if (count < 8 && used < sizeof(list))
			used += snprintf(list + used, sizeof(list) - used,
					 "%s\"%s\"", count ? ", " : "",
					 m->v[i].name);
		count++;
	}
	if (count)
		error_hint(e, "names holding it: %s%s", list,
			   count > 8 ? ", ..." : "");
	return -1;
}
