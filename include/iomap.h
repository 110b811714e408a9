/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libiomap: width-exact access to physical I/O memory (PCI BARs, /dev/mem,
 * device-tree nodes, UIO, /proc/iomem, files), the library under iomap(1).
 * See libiomap(3).
 */
#ifndef IOMAP_H
#define IOMAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What went wrong: calls return -1 (or NULL) and fill it, when not NULL. */
struct iomap_error {
	int status;		/* as iomap's exit status: 1 failed, 2 usage,
				   3 timeout */
	int errnum;		/* errno where the kernel refused, else 0 */
	char message[512];	/* what was refused, where and why (no
				   "iomap: ") */
	char hint[1024];	/* the diagnosis (lockdown, driver, D3, ...),
				   lines ending in '\n', or "" */
};

/* A region, mapped page by page as it is used. */
struct iomap;

/*
 * Open the region that REGION names: the region options of iomap(1), as on
 * its command line or a script's region line ("-s 03:00.0 -b 2 -r
 * nic.svd", "--of=serial0", "-f image.bin", "" for /dev/mem). Nothing is
 * mapped or touched yet.
 */
struct iomap *iomap_open(const char *region, struct iomap_error *err);

/* Unmap and close M (NULL is fine). */
void iomap_close(struct iomap *m);

/* The region's size in bytes; UINT64_MAX for /dev/mem. */
uint64_t iomap_size(const struct iomap *m);

/* The region's name, as the shell's prompt shows it ("0000:00:03.0 BAR0"). */
const char *iomap_name(const struct iomap *m);

/*
 * One access of WIDTH bytes (1, 2, 4 or 8) at region offset OFF, aligned
 * to WIDTH and inside the region. Return 0, or -1 with *ERR filled.
 */
int iomap_read(struct iomap *m, uint64_t off, unsigned width,
	       uint64_t *value, struct iomap_error *err);
int iomap_write(struct iomap *m, uint64_t off, unsigned width,
		uint64_t value, struct iomap_error *err);

/* Read-modify-write: (old & ~MASK) | VALUE; VALUE must lie inside MASK. */
int iomap_modify(struct iomap *m, uint64_t off, unsigned width,
		 uint64_t value, uint64_t mask, struct iomap_error *err);

/*
 * Poll the word at OFF every INTERVAL_NS until (word & MASK) == VALUE; a
 * timeout (TIMEOUT_NS; 0: read once) fails with status 3.
 */
int iomap_wait(struct iomap *m, uint64_t off, unsigned width,
	       uint64_t value, uint64_t mask, uint64_t timeout_ns,
	       uint64_t interval_ns, struct iomap_error *err);

/*
 * LEN bytes (a multiple of WIDTH) from OFF, one access of WIDTH per word,
 * ascending; the words in the machine's byte order in BUF.
 */
int iomap_read_block(struct iomap *m, uint64_t off, unsigned width,
		     void *buf, size_t len, struct iomap_error *err);
int iomap_write_block(struct iomap *m, uint64_t off, unsigned width,
		      const void *buf, size_t len, struct iomap_error *err);

/* Store PATTERN into the LEN bytes from OFF, word by word. */
int iomap_fill(struct iomap *m, uint64_t off, unsigned width, uint64_t len,
	       uint64_t pattern, struct iomap_error *err);

/* The CRC-32 (zlib's, U-Boot's) of the LEN bytes read from OFF. */
int iomap_crc32(struct iomap *m, uint64_t off, unsigned width, uint64_t len,
		uint32_t *crc, struct iomap_error *err);

/*
 * Registers by name, from the description the region string's -r FILE
 * gives: "REG" or "REG.FIELD" (a field's value shifted down), at the
 * register's own width.
 */
int iomap_read_name(struct iomap *m, const char *name, uint64_t *value,
		    struct iomap_error *err);
int iomap_write_name(struct iomap *m, const char *name, uint64_t value,
		     struct iomap_error *err);

/*
 * One read-modify-write of fields of register REG: ASSIGNMENTS is
 * "FIELD=VALUE ..." (a VALUE may be one of the field's enumerated names).
 */
int iomap_set_fields(struct iomap *m, const char *reg,
		     const char *assignments, struct iomap_error *err);

/*
 * Hand FN every access M makes from now on, as iomap --trace prints it
 * without the newline ("R32 0xfea00000 -> 0x010000ed"); FN NULL: stop.
 */
void iomap_set_trace(struct iomap *m,
		     void (*fn)(const char *line, void *arg), void *arg);

/* The library's version, "0.1.0". */
const char *iomap_version(void);

/*
 * Walking the description (-r FILE): registers 0 .. iomap_reg_count() - 1
 * in address order, each register's fields, each field's enumerated
 * values. Strings live until iomap_close. The calls return 0, or -1 with
 * *ERR filled (an index out of range, or no description).
 */
enum iomap_access {
	IOMAP_RW = 0,
	IOMAP_RO = 1,
	IOMAP_WO = 2,
};

struct iomap_reg {
	const char *name;	/* BLOCK.REG */
	const char *description;	/* "" when none */
	uint64_t address;	/* as described */
	uint64_t offset;	/* in the region: what iomap_read() takes */
	int in_region;		/* whether OFFSET lies inside the region */
	unsigned width;		/* bytes */
	enum iomap_access access;
	int side_effects;	/* a read has side effects */
	int has_reset;
	uint64_t reset;
	size_t nfields;
};

struct iomap_field {
	const char *name;
	const char *description;
	unsigned hi, lo;	/* bits HI down to LO */
	enum iomap_access access;
	int side_effects;
	size_t nenums;
};

struct iomap_enum {
	const char *name;
	const char *description;
	uint64_t value;
};

/* How many registers the description has (0 without one). */
size_t iomap_reg_count(const struct iomap *m);

int iomap_reg_info(const struct iomap *m, size_t reg, struct iomap_reg *out,
		   struct iomap_error *err);
int iomap_field_info(const struct iomap *m, size_t reg, size_t field,
		     struct iomap_field *out, struct iomap_error *err);
int iomap_enum_info(const struct iomap *m, size_t reg, size_t field,
		    size_t value, struct iomap_enum *out,
		    struct iomap_error *err);

#ifdef __cplusplus
}
#endif

#endif
