// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test fixture: a memfd sealed against writing, so that mapping it for
 * writing fails in the kernel with EPERM, as /dev/mem does under
 * STRICT_DEVMEM. Prints /proc/PID/fd/N, then waits until killed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	int fd = memfd_create("iomap-sealed", MFD_ALLOW_SEALING);

	if (fd < 0 || ftruncate(fd, 4096) || fcntl(fd, F_ADD_SEALS,
	    F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)) {
		perror("sealed");
		return 1;
	}
	printf("/proc/%d/fd/%d\n", (int)getpid(), fd);
	fflush(stdout);
	for (;;)
		pause();
}
