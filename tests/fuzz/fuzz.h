/* fuzz.h — what the libFuzzer harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize); built with
 * clang's -fsanitize=fuzzer it is a fuzzer, built with replay.c it is a
 * program that runs the inputs in the corpus (and any crash kept there) once
 * each, as a regression test in every native build.
 */
#ifndef LGS_FUZZ_H
#define LGS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/** A NUL-terminated heap copy of the input, exactly size + 1 bytes long, so
 *  that AddressSanitizer sees any read past its end. Free it with free(). */
char *lgs_fuzz_string(const uint8_t *data, size_t size);

/** Aborts with a message when cond is false: an invariant a harness checks
 *  is reported like a crash. */
#define LGS_FUZZ_CHECK(cond)                                                  \
    do {                                                                      \
        if (!(cond))                                                          \
            lgs_fuzz_fail(__FILE__, __LINE__, #cond);                         \
    } while (0)
void lgs_fuzz_fail(const char *file, int line, const char *what);

#endif
