// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The crc32 baselines: zlib's crc32() over FILE read whole into memory, or
 * with -m over FILE mapped (MAP_POPULATE, as iomap maps a regular file).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

int main(int argc, char **argv)
{
	bool mapped = argc == 3 && strcmp(argv[1], "-m") == 0;
	const char *path = argv[argc - 1];
	struct stat st;
	unsigned char *buf;
	size_t got = 0;
	int fd;

	if (argc != 2 && !mapped) {
		fprintf(stderr, "usage: crc32 [-m] FILE\n");
		return 2;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		perror(path);
		return 1;
	}
	if (mapped) {
		buf = mmap(NULL, (size_t)st.st_size, PROT_READ,
			   MAP_SHARED | MAP_POPULATE, fd, 0);
		if (buf == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		got = (size_t)st.st_size;
	} else {
		buf = malloc((size_t)st.st_size);
		if (!buf) {
			perror("malloc");
			return 1;
		}
		while (got < (size_t)st.st_size) {
			ssize_t n = read(fd, buf + got,
					 (size_t)st.st_size - got);

			if (n <= 0) {
				perror(path);
				return 1;
			}
			got += (size_t)n;
		}
	}
	printf("0x%08lx\n", crc32_z(crc32(0L, Z_NULL, 0), buf, got));
	return 0;
}
