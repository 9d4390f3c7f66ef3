// SHA-256 block compression with the x86 SHA extensions (SHA-NI), for the digests of loan tapes
// (gigabytes per audit). Swift has no access to these instructions; Compliance.SHA256 calls this when
// the processor has them and keeps its portable implementation otherwise.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA extensions (and SSE4.1), else 0.
int csha256_accelerated(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (8 words, FIPS 180-4 order). Call only
/// when `csha256_accelerated()` returns 1.
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
