/* fuzz_explain.c — logonshim-explain's input handling: the input is both
 * the tool's standard input (read through fmemopen, as a file would be) and,
 * split at NUL bytes, its command line. The tool must never crash, and its
 * exit status must be 0 or 2. Its output goes to /dev/null. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "fuzz.h"

#define MAX_ARGS 16

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    LGS_FUZZ_CHECK(freopen("/dev/null", "w", stdout) != NULL);
    return 0;
}

/* --list prints the whole catalogue: allowed, but not on every input, or
 * the fuzzer would spend its time printing. */
static int is_list(const char *a)
{
    return strcmp(a, "--list") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Standard input: the raw bytes, NULs included. */
    if (size > 0) {
        void *copy = malloc(size);
        LGS_FUZZ_CHECK(copy != NULL);
        memcpy(copy, data, size);
        FILE *in = fmemopen(copy, size, "rb");
        LGS_FUZZ_CHECK(in != NULL);
        char prog[] = "logonshim-explain";
        char json[] = "--json";
        char *argv_stdin[3] = {prog, json, NULL};
        int rc = explain_main(size % 2 ? 2 : 1, argv_stdin, in);
        LGS_FUZZ_CHECK(rc == 0 || rc == 2);
        fclose(in);
        free(copy);
    }
    /* The command line: the input split at NULs. */
    char *text = malloc(size + 1);
    LGS_FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    char prog[] = "logonshim-explain";
    char *argv[MAX_ARGS + 1] = {prog};
    int argc = 1;
    int list = 0;
    for (size_t i = 0; i < size && argc < MAX_ARGS; i += strlen(text + i) + 1) {
        argv[argc] = text + i;
        list |= is_list(argv[argc]);
        argc++;
    }
    if (argc > 1 && (!list || size % 64 == 0)) {
        FILE *in = fmemopen((void *)" ", 1, "rb");
        LGS_FUZZ_CHECK(in != NULL);
        int rc = explain_main(argc, argv, in);
        LGS_FUZZ_CHECK(rc == 0 || rc == 2);
        fclose(in);
    }
    free(text);
    return 0;
}
