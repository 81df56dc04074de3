/* fuzz_pe_patch.c — logonshim-patch's PE parser and patcher
 * (examples/patch/pe_patch.c) on hostile images. Whatever the input, no
 * call may crash, and:
 *   - an image it patches must read back as importing the DLL and as
 *     removable, and --remove of it must give the input back byte for byte;
 *   - what --remove gives back is shorter than its input (the added
 *     section and its padding go).
 * The corpus (corpus/pe_patch) holds small real x86_64 and i686 images,
 * plain and patched. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pe_patch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lgs_pe_info info;
    (void)lgs_pe_inspect(data, size, "KERNEL32.dll", &info);

    lgs_pe_options opt = {"lgs_fuzz.dll", "lgs_fuzz_anchor", 0, 1};
    uint8_t *patched = NULL;
    size_t patched_len = 0;
    lgs_pe_result r = lgs_pe_patch(data, size, &opt, &patched, &patched_len);
    if (r.status == LGS_PE_OK) {
        LGS_FUZZ_CHECK(patched != NULL && patched_len > size);
        r = lgs_pe_inspect(patched, patched_len, opt.dll, &info);
        LGS_FUZZ_CHECK(r.status == LGS_PE_OK);
        LGS_FUZZ_CHECK(info.imports_dll && info.removable && !info.is_signed);
        uint8_t *back = NULL;
        size_t back_len = 0;
        r = lgs_pe_remove(patched, patched_len, &back, &back_len);
        LGS_FUZZ_CHECK(r.status == LGS_PE_OK);
        LGS_FUZZ_CHECK(back_len == size && memcmp(back, data, size) == 0);
        free(back);
        /* Patching twice is refused. */
        uint8_t *twice = NULL;
        size_t twice_len = 0;
        r = lgs_pe_patch(patched, patched_len, &opt, &twice, &twice_len);
        LGS_FUZZ_CHECK(r.status == LGS_PE_ALREADY && twice == NULL);
        free(patched);
    } else {
        LGS_FUZZ_CHECK(patched == NULL && r.message[0] != '\0');
    }

    uint8_t *removed = NULL;
    size_t removed_len = 0;
    r = lgs_pe_remove(data, size, &removed, &removed_len);
    if (r.status == LGS_PE_OK) {
        LGS_FUZZ_CHECK(removed != NULL && removed_len < size);
        free(removed);
    }
    return 0;
}
