// SPDX-License-Identifier: GPL-2.0-or-later
/* The crc32 baseline: read FILE whole into memory, zlib's crc32() over it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

int main(int argc, char **argv)
{
	struct stat st;
	unsigned char *buf;
	size_t got = 0;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: crc32 FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		perror(argv[1]);
		return 1;
	}
	buf = malloc((size_t)st.st_size);
	if (!buf) {
		perror("malloc");
		return 1;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n <= 0) {
			perror(argv[1]);
			return 1;
		}
		got += (size_t)n;
	}
	printf("0x%08lx\n", crc32_z(crc32(0L, Z_NULL, 0), buf, got));
	return 0;
}
