// SPDX-License-Identifier: GPL-2.0-or-later
/* The fill benchmark's baseline: open, map, memset and unmap a file. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct stat st;
	void *p;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: memset FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(argv[1]);
		return 1;
	}
	p = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	memset(p, 0x5a, st.st_size);
	munmap(p, st.st_size);
	close(fd);
	return 0;
}
