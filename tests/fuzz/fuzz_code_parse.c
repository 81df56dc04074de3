/* fuzz_code_parse.c — lgs_code_parse() and the name lookups on any text:
 * never a crash or a read past the text, a `why` always NUL-terminated and
 * inside its buffer, and a parsed code consistent with the catalogue. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "logonshim/codes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = lgs_fuzz_string(data, size);
    lgs_parsed_code code;
    /* why buffers of several sizes, with a guard byte after each. */
    static const size_t why_sizes[] = {0, 1, 8, 160};
    for (size_t i = 0; i < sizeof why_sizes / sizeof why_sizes[0]; i++) {
        size_t n = why_sizes[i];
        char *why = malloc(n + 1);
        LGS_FUZZ_CHECK(why != NULL);
        memset(why, 'x', n + 1);
        int rc = lgs_code_parse(text, &code, n > 0 ? why : NULL, n);
        LGS_FUZZ_CHECK(rc == LGS_OK || rc == LGS_EINVAL);
        LGS_FUZZ_CHECK(why[n] == 'x');
        if (n > 0 && rc != LGS_OK)
            LGS_FUZZ_CHECK(memchr(why, '\0', n) != NULL);
        if (rc == LGS_OK) {
            LGS_FUZZ_CHECK((unsigned)code.space < LGS_SPACE_COUNT_);
            const lgs_code_info *row = lgs_code_lookup(code.space, code.value);
            /* info is the row lookup finds, which for a wrapped code
             * (0x8007xxxx, 0xC007xxxx) is the Win32 row it wraps; for an
             * alias name, a row with the same space and value. */
            if (code.info != NULL) {
                LGS_FUZZ_CHECK(row != NULL);
                LGS_FUZZ_CHECK(row->space == code.info->space && row->value == code.info->value);
            }
            lgs_class cls = lgs_classify(code.space, code.value);
            LGS_FUZZ_CHECK((unsigned)cls < LGS_CLASS_COUNT_);
            LGS_FUZZ_CHECK(lgs_guidance_for(code.space, code.value) != NULL);
            int32_t w32;
            (void)lgs_win32_equivalent(code.space, code.value, &w32);
            (void)lgs_hresult_form(code.space, code.value);
            /* A Kerberos code has its Windows view exactly when it has a row. */
            if (code.space == LGS_SPACE_KRB) {
                const lgs_krb_info *k = lgs_krb_lookup(code.value);
                LGS_FUZZ_CHECK((k != NULL) == (row != NULL));
                LGS_FUZZ_CHECK(k == NULL || (k->row == row && k->meaning[0] != '\0'));
            }
        }
        free(why);
    }
    const lgs_code_info *named = lgs_code_by_name(text);
    if (named != NULL)
        LGS_FUZZ_CHECK(lgs_code_lookup(named->space, named->value) != NULL);
    lgs_class cls;
    (void)lgs_class_from_name(text, &cls);
    free(text);
    return 0;
}
