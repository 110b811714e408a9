/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The capability chain of a VFIO info buffer, walked without trusting it. */
#ifndef IOMAP_VFIO_CAPS_H
#define IOMAP_VFIO_CAPS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The offset of capability ID in the chain that starts at offset FIRST of
 * the LEN bytes at INFO (a VFIO_DEVICE_GET_REGION_INFO answer, LEN its
 * argsz): 0 when the chain ends without it (or FIRST is 0), -1 when the
 * chain is broken (a header outside the buffer, or a loop).
 */
long vfio_cap_find(const void *info, size_t len, uint32_t first, uint16_t id);

#endif
