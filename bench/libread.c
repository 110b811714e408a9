// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * 1,000,000 iomap_read() calls on a mapped file against the same loop of
 * plain volatile loads from the program's own mapping of that file:
 * libiomap's cost per call (bench/lib runs it; bar: within 1.5x).
 *
 *   libread FILE [ROUNDS]    FILE at least 4 KiB; prints the best round
 *                            of each, in ns per read, and the ratio
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <iomap.h>

#define CALLS 1000000u
#define SPAN 4096u		/* the reads cycle through one page */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	unsigned rounds = argc > 2 ? (unsigned)atoi(argv[2]) : 20;
	double best_lib = 1e30, best_plain = 1e30;
	struct iomap_error err;
	char region[4200];
	struct iomap *m;
	volatile uint32_t *p;
	uint64_t sum = 0, v;
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: libread FILE [ROUNDS]\n");
		return 2;
	}
	snprintf(region, sizeof(region), "-f '%s'", argv[1]);
	m = iomap_open(region, &err);
	fd = open(argv[1], O_RDONLY);
	if (!m || fd < 0) {
		fprintf(stderr, "libread: %s\n", m ? "cannot open" : err.message);
		return 1;
	}
	p = mmap(NULL, SPAN, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 1;
	for (unsigned r = 0; r < rounds; r++) {
		double t = now();

		for (uint32_t i = 0; i < CALLS; i++) {
			if (iomap_read(m, (i * 4) % SPAN, 4, &v, &err))
				return 1;
			sum += v;
		}
		t = now() - t;
		if (t < best_lib)
			best_lib = t;
		t = now();
		for (uint32_t i = 0; i < CALLS; i++)
			sum += p[((i * 4) % SPAN) / 4];
		t = now() - t;
		if (t < best_plain)
			best_plain = t;
	}
	printf("iomap_read, 32-bit, one page   %.2f ns a call\n",
	       best_lib / CALLS);
	printf("volatile load of the same page %.2f ns a load\n",
	       best_plain / CALLS);
	printf("iomap_read vs volatile load:   %.2fx the time (bar: within "
	       "1.5x)  (sum %" PRIx64 ")\n", best_lib / best_plain, sum & 0xf);
	iomap_close(m);
	return 0;
}
