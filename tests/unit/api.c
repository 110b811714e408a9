// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libiomap's calls against files, the fake sysfs tree and a register
 * description, linked with the library as any program would be. Run by
 * tests/lib.bats, one section at a time:
 *
 *   api file DIR            every call on a file made in DIR, the trace
 *   api refusals DIR        every refusal: status, message, nothing touched
 *   api sigbus DIR          a bus error inside a window, and outside one
 *   api pci SYS             a BAR of the fake sysfs tree SYS
 *   api names SYS REGS      registers by name, and walking the description
 *
 * Each failed check prints "not ok: LINE: what"; the exit status is 1 when
 * any failed. Lines "MSG name: text" give messages to compare with iomap's.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <iomap.h>

static int failures;

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			failures++;					\
			printf("not ok: %d: %s: ", __LINE__, #cond);	\
			printf(__VA_ARGS__);				\
			printf("\n");					\
		}							\
	} while (0)

static void die(const char *what)
{
	printf("not ok: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A file of N bytes at PATH, byte i = i * 7 + 3. */
static void make_file(const char *path, size_t n)
{
	unsigned char *b = malloc(n);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (!b || fd < 0)
		die(path);
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 7 + 3);
	if (write(fd, b, n) != (ssize_t)n)
		die(path);
	close(fd);
	free(b);
}

static uint64_t file_word(const char *path, uint64_t off, unsigned width)
{
	uint64_t v = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || pread(fd, &v, width, (off_t)off) != (ssize_t)width)
		die(path);
	close(fd);
	return v;		/* little-endian: the low bytes */
}

static uLong file_crc(const char *path)
{
	unsigned char buf[65536];
	uLong crc = crc32(0L, Z_NULL, 0);
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		die(path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		crc = crc32(crc, buf, (uInt)n);
	close(fd);
	return crc;
}

static struct iomap *open_or_die(const char *fmt, ...)
{
	struct iomap_error err;
	struct iomap *m;
	char region[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(region, sizeof(region), fmt, ap);
	va_end(ap);
	m = iomap_open(region, &err);
	if (!m) {
		printf("not ok: iomap_open(\"%s\"): %s\n%s", region,
		       err.message, err.hint);
		exit(1);
	}
	return m;
}

/* The trace callback: lines gathered into one buffer. */
struct lines {
	char text[8192];
	int n;
};

static void gather(const char *line, void *arg)
{
	struct lines *l = arg;
	size_t len = strlen(l->text);

	snprintf(l->text + len, sizeof(l->text) - len, "%s\n", line);
	l->n++;
}

static void section_file(const char *dir)
{
	char path[4096];
	struct iomap_error err;
	struct lines tr = { "", 0 };
	struct iomap *m;
	uint64_t v;
	uint32_t crc;
	unsigned char buf[64], back[64];

	snprintf(path, sizeof(path), "%s/img", dir);
	make_file(path, 8192);
	m = open_or_die("-f %s", path);
	CHECK(iomap_size(m) == 8192, "size %" PRIu64, iomap_size(m));
	CHECK(strcmp(iomap_name(m), path) == 0, "name '%s'", iomap_name(m));
	printf("NAME %s\n", iomap_name(m));
	CHECK(strcmp(iomap_version(), "0.1.0") == 0, "version %s",
	      iomap_version());

	/* Reads of each width give the file's bytes. */
	for (unsigned w = 1; w <= 8; w *= 2) {
		CHECK(iomap_read(m, 0x40, w, &v, &err) == 0, "read %u: %s", w,
		      err.message);
		CHECK(v == file_word(path, 0x40, w), "read %u: 0x%" PRIx64, w,
		      v);
	}
	/* Writes land in the file, exactly the width. */
	CHECK(iomap_write(m, 0x100, 2, 0xbeef, &err) == 0, "%s", err.message);
	CHECK(file_word(path, 0x100, 2) == 0xbeef, "write 16");
	CHECK(file_word(path, 0x102, 2) == (uint64_t)((0x102 * 7 + 3) & 0xff)
	      + ((uint64_t)((0x103 * 7 + 3) & 0xff) << 8),
	      "the word after the write is untouched");
	CHECK(iomap_write(m, 0x108, 8, 0x1122334455667788ull, NULL) == 0,
	      "write 64");
	CHECK(file_word(path, 0x108, 8) == 0x1122334455667788ull, "write 64");
	/* Modify: only the mask's bits change. */
	CHECK(iomap_write(m, 0x200, 4, 0xffff0000, &err) == 0, "%s",
	      err.message);
	CHECK(iomap_modify(m, 0x200, 4, 0x00000a00, 0x00000f00, &err) == 0,
	      "%s", err.message);
	CHECK(file_word(path, 0x200, 4) == 0xffff0a00, "modify: 0x%" PRIx64,
	      file_word(path, 0x200, 4));
	/* Blocks. */
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(0xa0 + i);
	CHECK(iomap_write_block(m, 0x300, 4, buf, sizeof(buf), &err) == 0,
	      "%s", err.message);
	CHECK(iomap_read_block(m, 0x300, 2, back, sizeof(back), &err) == 0,
	      "%s", err.message);
	CHECK(memcmp(buf, back, sizeof(buf)) == 0, "block round trip");
	CHECK(file_word(path, 0x33c, 4) == 0xdfdedddc, "block in the file");
	/* Fill. */
	CHECK(iomap_fill(m, 0x400, 4, 32, 0x5a5aa5a5, &err) == 0, "%s",
	      err.message);
	for (uint64_t off = 0x400; off < 0x420; off += 4)
		CHECK(file_word(path, off, 4) == 0x5a5aa5a5, "fill at 0x%"
		      PRIx64, off);
	CHECK(file_word(path, 0x420, 4) != 0x5a5aa5a5, "fill stops");
	/* crc32 of the whole region equals zlib's of the file. */
	CHECK(iomap_crc32(m, 0, 8, 8192, &crc, &err) == 0, "%s", err.message);
	CHECK(crc == file_crc(path), "crc32 0x%08x, file 0x%08lx", crc,
	      file_crc(path));
	/* Wait: a match returns at once; a mismatch times out (status 3). */
	CHECK(iomap_wait(m, 0x200, 4, 0x0a00, 0x0f00, 0, 1000, &err) == 0,
	      "%s", err.message);
	CHECK(iomap_wait(m, 0x200, 4, 0x0b00, 0x0f00, 2000000, 500000,
			 &err) == -1, "wait must time out");
	CHECK(err.status == 3, "wait status %d", err.status);
	printf("MSG wait-timeout: %s\n", err.message);

	/* Trace: one line per access, as --trace prints them. */
	iomap_set_trace(m, gather, &tr);
	CHECK(iomap_read(m, 0x200, 4, &v, NULL) == 0, "traced read");
	CHECK(iomap_write(m, 0x204, 2, 0x1234, NULL) == 0, "traced write");
	CHECK(iomap_read_block(m, 0x300, 4, back, 16, NULL) == 0, "block");
	CHECK(iomap_modify(m, 0x200, 4, 0x00000100, 0x00000f00, NULL) == 0,
	      "traced modify");
	CHECK(tr.n == 8, "%d trace lines:\n%s", tr.n, tr.text);
	CHECK(strcmp(tr.text,
		     "R32 0x00000200 -> 0xffff0a00\n"
		     "W16 0x00000204 <- 0x1234\n"
		     "R32 0x00000300 -> 0xa3a2a1a0\n"
		     "R32 0x00000304 -> 0xa7a6a5a4\n"
		     "R32 0x00000308 -> 0xabaaa9a8\n"
		     "R32 0x0000030c -> 0xafaeadac\n"
		     "R32 0x00000200 -> 0xffff0a00\n"
		     "W32 0x00000200 <- 0xffff0100\n") == 0,
	      "trace:\n%s", tr.text);
	iomap_set_trace(m, NULL, NULL);
	CHECK(iomap_read(m, 0x200, 4, &v, NULL) == 0, "untraced read");
	CHECK(tr.n == 8, "no trace after iomap_set_trace(NULL)");
	iomap_close(m);
	iomap_close(NULL);

	/* A second handle sees the first one's writes. */
	m = open_or_die("-f '%s' --size=4096", path);
	CHECK(iomap_size(m) == 4096, "--size");
	CHECK(iomap_read(m, 0x200, 4, &v, NULL) == 0 && v == 0xffff0100,
	      "0x%" PRIx64, v);
	iomap_close(m);
}

/* REGION's call CALL fails with STATUS; print its message as NAME. */
static void refused(const char *name, int rc, const struct iomap_error *err,
		    int status)
{
	CHECK(rc == -1, "%s: not refused", name);
	CHECK(err->status == status, "%s: status %d, not %d (%s)", name,
	      err->status, status, err->message);
	CHECK(err->message[0] && strncmp(err->message, "iomap:", 6) != 0,
	      "%s: message '%s'", name, err->message);
	printf("MSG %s: %s\n", name, err->message);
}

static void section_refusals(const char *dir)
{
	char path[4096], before[64];
	struct iomap_error err;
	struct lines tr = { "", 0 };
	struct iomap *m;
	uint64_t v = 0;
	uint32_t crc;
	unsigned char buf[16] = { 0 };
	int rc;

	snprintf(path, sizeof(path), "%s/img", dir);
	make_file(path, 4096);
	snprintf(before, sizeof(before), "%08lx", file_crc(path));
	m = open_or_die("-f %s", path);
	iomap_set_trace(m, gather, &tr);

	refused("unaligned", iomap_read(m, 2, 4, &v, &err), &err, 2);
	refused("past-end", iomap_read(m, 4096, 4, &v, &err), &err, 2);
	refused("width", iomap_read(m, 0, 3, &v, &err), &err, 2);
	refused("write-past-end", iomap_write(m, 4096, 4, 1, &err), &err, 2);
	refused("wide-value", iomap_write(m, 0, 1, 0x100, &err), &err, 2);
	refused("modify-outside-mask", iomap_modify(m, 0, 4, 0x8, 0x1, &err),
		&err, 2);
	refused("modify-wide-mask", iomap_modify(m, 0, 2, 0, 0x10000, &err),
		&err, 2);
	refused("wait-never", iomap_wait(m, 0, 4, 3, 1, 0, 1, &err), &err, 2);
	refused("wait-interval", iomap_wait(m, 0, 4, 0, 0, 0, 0, &err), &err,
		2);
	refused("block-length", iomap_read_block(m, 0, 4, buf, 6, &err), &err,
		2);
	refused("block-empty", iomap_write_block(m, 0, 4, buf, 0, &err), &err,
		2);
	refused("block-start", iomap_write_block(m, 2, 4, buf, 8, &err), &err,
		2);
	refused("block-past-end", iomap_write_block(m, 4088, 4, buf, 16,
						    &err), &err, 2);
	refused("fill-past-end", iomap_fill(m, 4000, 4, 256, 0, &err), &err,
		2);
	refused("fill-pattern", iomap_fill(m, 0, 2, 16, 0x10000, &err), &err,
		2);
	refused("crc32-past-end", iomap_crc32(m, 0, 4, 8192, &crc, &err),
		&err, 2);
	refused("name-without-regs", iomap_read_name(m, "ctrl", &v, &err),
		&err, 2);
	printf("HINT name-without-regs: %s", err.hint);
	refused("set-fields-without-regs",
		iomap_set_fields(m, "ctrl", "en=1", &err), &err, 2);
	refused("walk-without-regs", iomap_reg_info(m, 0, NULL, &err), &err,
		2);
	CHECK(iomap_reg_count(m) == 0, "no registers");
	/* NULL for ERR is fine. */
	CHECK(iomap_read(m, 2, 4, &v, NULL) == -1, "NULL err");

	/* Nothing was touched: no access traced, the file unchanged. */
	CHECK(tr.n == 0, "refusals made accesses:\n%s", tr.text);
	{
		char after[64];

		snprintf(after, sizeof(after), "%08lx", file_crc(path));
		CHECK(strcmp(before, after) == 0, "the file changed");
	}
	iomap_close(m);

	/* Region strings refused as a script's region line refuses them. */
	m = iomap_open("-f", &err);
	refused("open-missing-argument", m ? 0 : -1, &err, 2);
	m = iomap_open("--bogus", &err);
	refused("open-unknown-option", m ? 0 : -1, &err, 2);
	m = iomap_open("-f x peek 0", &err);
	refused("open-command", m ? 0 : -1, &err, 2);
	m = iomap_open("-f 'unterminated", &err);
	refused("open-quote", m ? 0 : -1, &err, 2);
	m = iomap_open("-s 00:03.0 -f x", &err);
	refused("open-two-regions", m ? 0 : -1, &err, 2);
	m = iomap_open("-m 0x1x", &err);
	refused("open-bad-minor", m ? 0 : -1, &err, 2);
	snprintf(path, sizeof(path), "-f %s/missing", dir);
	m = iomap_open(path, &err);
	rc = m ? 0 : -1;
	CHECK(rc == -1, "a missing file opens");
	printf("MSG open-missing-file: %s\n", err.message);
	printf("STATUS open-missing-file: %d\n", err.status);
	snprintf(path, sizeof(path), "-f %s/img -r %s/missing.regs", dir, dir);
	m = iomap_open(path, &err);
	CHECK(!m, "a missing description opens");
	printf("MSG open-missing-regs: %s\n", err.message);
	CHECK(iomap_open("-f x", NULL) == NULL, "NULL err on open");
}

static sigjmp_buf own_jump;
static volatile sig_atomic_t own_faults;

static void own_handler(int sig)
{
	static const char msg[] = "not ok: the program's handler got a fault "
				  "that was not its own\n";

	(void)sig;
	if (++own_faults > 1) {
		/* Its jump point is gone: end here, not in a loop. */
		if (write(STDOUT_FILENO, msg, sizeof(msg) - 1))
			_exit(3);
		_exit(3);
	}
	siglongjmp(own_jump, 1);
}

static void section_sigbus(const char *dir)
{
	char path[4096];
	struct iomap_error err;
	struct iomap *m;
	uint64_t v;
	long page = sysconf(_SC_PAGESIZE);
	struct sigaction sa;
	int fd;

	snprintf(path, sizeof(path), "%s/img", dir);
	make_file(path, (size_t)page * 2);
	/* A handler of the program's own, there before the library's. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = own_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);

	m = open_or_die("-f %s", path);
	CHECK(iomap_read(m, (uint64_t)page, 4, &v, &err) == 0, "%s",
	      err.message);
	/* The file shrinks under the mapping: the next read faults. */
	if (truncate(path, 0))
		die(path);
	CHECK(iomap_read(m, (uint64_t)page + 8, 4, &v, &err) == -1,
	      "a read past the file's end succeeded");
	CHECK(err.status == 1, "status %d", err.status);
	printf("MSG sigbus: %s\n", err.message);
	printf("HINT sigbus: %s", err.hint);
	/* Alive, and the handle still answers (and faults again). */
	CHECK(iomap_read(m, (uint64_t)page + 16, 4, &v, &err) == -1,
	      "a second read past the end succeeded");
	CHECK(strstr(err.message, "bus error (SIGBUS)") != NULL, "%s",
	      err.message);
	CHECK(own_faults == 0, "the program's handler saw a fault inside "
	      "the window");

	/* A bus error outside the library's windows reaches the program's. */
	fd = open(path, O_RDWR);
	if (fd < 0)
		die(path);
	{
		volatile uint32_t *p = mmap(NULL, (size_t)page, PROT_READ,
					    MAP_SHARED, fd, 0);

		if (p == MAP_FAILED)
			die("mmap");
		if (sigsetjmp(own_jump, 1) == 0)
			v = p[0];
		munmap((void *)p, (size_t)page);
	}
	close(fd);
	CHECK(own_faults == 1, "the program's handler saw %d faults",
	      (int)own_faults);
	/* The library's guard is still there for its windows afterwards. */
	CHECK(iomap_read(m, (uint64_t)page + 24, 4, &v, &err) == -1,
	      "a read past the end succeeded after a fault outside");
	CHECK(strstr(err.message, "bus error (SIGBUS)") != NULL, "%s",
	      err.message);
	CHECK(own_faults == 1, "the program's handler saw a fault inside the "
	      "window after one outside");
	iomap_close(m);
}

static void section_pci(const char *sys)
{
	char res[4096];
	struct iomap_error err;
	struct iomap *m;
	uint64_t v;

	/* edu: BAR 0 of 00:03.0, 1 MiB, its resource0 a file of the tree. */
	m = open_or_die("--sysfs=%s -s 00:03.0", sys);
	snprintf(res, sizeof(res), "%s/devices/0000:00:03.0/resource0", sys);
	CHECK(iomap_size(m) == 1 << 20, "size %" PRIu64, iomap_size(m));
	printf("NAME %s\n", iomap_name(m));
	CHECK(iomap_write(m, 0x80, 8, 0x0123456789abcdefull, &err) == 0, "%s",
	      err.message);
	CHECK(file_word(res, 0x80, 8) == 0x0123456789abcdefull, "BAR write");
	CHECK(iomap_read(m, 0x84, 4, &v, &err) == 0 && v == 0x01234567,
	      "BAR read 0x%" PRIx64, v);
	iomap_close(m);

	/* The I/O BAR of 00:04.0: pread/pwrite, no 64-bit access. */
	m = open_or_die("--sysfs=%s -s 00:04.0 -b 1", sys);
	CHECK(iomap_write(m, 0x10, 2, 0xabcd, &err) == 0, "%s", err.message);
	CHECK(iomap_read(m, 0x10, 2, &v, &err) == 0 && v == 0xabcd,
	      "I/O BAR 0x%" PRIx64, v);
	refused("io-64", iomap_read(m, 0x10, 8, &v, &err), &err, 2);
	iomap_close(m);

	m = iomap_open("--sysfs=/nonexistent -s 00:03.0", &err);
	CHECK(!m, "a missing tree opens");
	printf("MSG no-sysfs: %s\n", err.message);
	m = iomap_open(NULL, &err);	/* NULL: as "" */
	if (m)
		iomap_close(m);
}

static void section_names(const char *sys, const char *regs)
{
	struct iomap_error err;
	struct iomap_reg r;
	struct iomap_field f;
	struct iomap_enum en;
	struct iomap *m;
	uint64_t v, w;
	size_t n;

	m = open_or_die("--sysfs=%s -s 00:03.0 -r %s", sys, regs);
	CHECK(iomap_write(m, 0, 4, 0x010000ed, &err) == 0, "%s", err.message);
	CHECK(iomap_read_name(m, "id", &v, &err) == 0 && v == 0x010000ed,
	      "id 0x%" PRIx64 " %s", v, err.message);
	CHECK(iomap_read_name(m, "edu.id.major", &v, &err) == 0 && v == 1,
	      "id.major %" PRIu64, v);
	CHECK(iomap_write_name(m, "factorial", 5, &err) == 0, "%s",
	      err.message);
	CHECK(iomap_read(m, 8, 4, &v, NULL) == 0 && v == 5, "factorial");
	CHECK(iomap_write(m, 0x20, 4, 0x1, NULL) == 0, "status");
	CHECK(iomap_write_name(m, "status.irq_fact", 1, &err) == 0, "%s",
	      err.message);
	CHECK(iomap_read(m, 0x20, 4, &v, NULL) == 0 && v == 0x81,
	      "status 0x%" PRIx64, v);
	CHECK(iomap_write(m, 0x98, 8, 0, NULL) == 0, "dma_cmd");
	CHECK(iomap_set_fields(m, "dma_cmd", "run=on dir=edu_to_ram irq=0",
			       &err) == 0, "%s", err.message);
	CHECK(iomap_read(m, 0x98, 8, &w, NULL) == 0 && w == 3,
	      "dma_cmd 0x%" PRIx64, w);
	/* The trace names the register of each access, as --trace does. */
	{
		struct lines tr = { "", 0 };

		iomap_set_trace(m, gather, &tr);
		CHECK(iomap_read_name(m, "id", &v, &err) == 0, "%s",
		      err.message);
		CHECK(iomap_read(m, 0x10, 4, &v, &err) == 0, "%s",
		      err.message);
		iomap_set_trace(m, NULL, NULL);
		CHECK(strcmp(tr.text, "R32 0x00000000 -> 0x010000ed  edu.id\n"
			     "R32 0x00000010 -> 0x00000000\n") == 0,
		      "trace:\n%s", tr.text);
	}

	refused("read-write-only", iomap_read_name(m, "irq_raise", &v, &err),
		&err, 2);
	refused("write-read-only", iomap_write_name(m, "id", 1, &err), &err, 2);
	refused("field-too-wide",
		iomap_write_name(m, "status.irq_fact", 2, &err), &err, 2);
	refused("field-read-only",
		iomap_set_fields(m, "status", "computing=1", &err), &err, 2);
	refused("field-unknown",
		iomap_set_fields(m, "status", "bogus=1", &err), &err, 2);
	refused("field-twice",
		iomap_set_fields(m, "dma_cmd", "run=1 run=0", &err), &err, 2);
	refused("enum-unknown",
		iomap_set_fields(m, "dma_cmd", "dir=sideways", &err), &err, 2);
	refused("not-assignment",
		iomap_set_fields(m, "dma_cmd", "run", &err), &err, 2);
	refused("name-unknown", iomap_read_name(m, "stauts", &v, &err), &err,
		2);
	refused("name-number", iomap_read_name(m, "0x20", &v, &err), &err, 2);
	CHECK(iomap_read(m, 0x98, 8, &w, NULL) == 0 && w == 3,
	      "a refused set_fields wrote: 0x%" PRIx64, w);

	/* Walking: every register, field and value, as regs --fields. */
	n = iomap_reg_count(m);
	CHECK(n > 10, "%zu registers", n);
	for (size_t i = 0; i < n; i++) {
		CHECK(iomap_reg_info(m, i, &r, &err) == 0, "%s", err.message);
		printf("REG %s 0x%" PRIx64 " %u %s%s", r.name, r.address,
		       r.width * 8, r.access == IOMAP_RO ? "ro" :
		       r.access == IOMAP_WO ? "wo" : "rw",
		       r.in_region ? "" : " outside");
		if (r.has_reset)
			printf(" reset=0x%" PRIx64, r.reset);
		printf("\n");
		for (size_t j = 0; j < r.nfields; j++) {
			CHECK(iomap_field_info(m, i, j, &f, &err) == 0, "%s",
			      err.message);
			printf("FIELD %s.%s %u:%u", r.name, f.name, f.hi, f.lo);
			for (size_t k = 0; k < f.nenums; k++) {
				CHECK(iomap_enum_info(m, i, j, k, &en, &err)
				      == 0, "%s", err.message);
				printf(" %s=%" PRIu64, en.name, en.value);
			}
			printf("\n");
		}
	}
	refused("reg-index", iomap_reg_info(m, n, &r, &err), &err, 2);
	refused("field-index", iomap_field_info(m, 0, 99, &f, &err), &err, 2);
	refused("enum-index", iomap_enum_info(m, 0, 0, 99, &en, &err), &err, 2);
	iomap_close(m);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "file") == 0)
		section_file(argv[2]);
	else if (argc == 3 && strcmp(argv[1], "refusals") == 0)
		section_refusals(argv[2]);
	else if (argc == 3 && strcmp(argv[1], "sigbus") == 0)
		section_sigbus(argv[2]);
	else if (argc == 3 && strcmp(argv[1], "pci") == 0)
		section_pci(argv[2]);
	else if (argc == 4 && strcmp(argv[1], "names") == 0)
		section_names(argv[2], argv[3]);
	else {
		fprintf(stderr, "usage: api file|refusals|sigbus DIR | "
			"pci SYS | names SYS REGS\n");
		return 2;
	}
	printf("%s\n", failures ? "FAILED" : "PASSED");
	return failures ? 1 : 0;
}
