// SPDX-License-Identifier: GPL-2.0-or-later
/* The capability chain of a VFIO info buffer, walked without trusting it. */
#include "config.h"

#include <string.h>

#include "vfio_caps.h"

/* struct vfio_info_cap_header of <linux/vfio.h>, as it lies in memory. */
struct cap_header {
	uint16_t id;
	uint16_t version;
	uint32_t next;
};

long vfio_cap_find(const void *info, size_t len, uint32_t first, uint16_t id)
{
	const unsigned char *p = info;
	uint32_t off = first;

	/* Each step moves to a header of its own: more steps mean a loop. */
	for (size_t steps = 0; off; steps++) {
		struct cap_header h;

		if (steps > len / sizeof(h) || off > len ||
		    len - off < sizeof(h))
			return -1;
		memcpy(&h, p + off, sizeof(h));
		if (h.id == id)
			return (long)off;
		off = h.next;
	}
	return 0;
}
