/* fuzz_record_format.c — the record formatters (lgs_record_format_text and
 * lgs_record_format_json) on records built from any bytes: strings of any
 * content (NUL-terminated, as the contract asks), enum values out of range,
 * any numbers, and output buffers of every small size. The length returned
 * must not depend on the buffer, the text must stay inside the buffer and be
 * NUL-terminated, and neither the JSON nor the text line may contain a raw
 * control character (C0, DEL, C1) or a Unicode line or paragraph separator:
 * one record is one line, whatever the names say. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "logonshim/codes.h"
#include "logonshim/log.h"
#include "logonshim/record.h"

static void check_format(size_t (*fmt)(const lgs_record *, char *, size_t), const lgs_record *r,
                         size_t small, int json)
{
    size_t need = fmt(r, NULL, 0);
    char *full = malloc(need + 1);
    LGS_FUZZ_CHECK(full != NULL);
    LGS_FUZZ_CHECK(fmt(r, full, need + 1) == need);
    LGS_FUZZ_CHECK(strlen(full) == need);
    for (size_t i = 0; i < need; i++)
        LGS_FUZZ_CHECK((unsigned char)full[i] >= 0x20);
    if (!json) {
        const unsigned char *u = (const unsigned char *)full;
        for (size_t i = 0; i < need; i++) {
            LGS_FUZZ_CHECK(u[i] != 0x7F);
            LGS_FUZZ_CHECK(!(u[i] == 0xC2 && i + 1 < need && u[i + 1] >= 0x80 && u[i + 1] < 0xA0));
            LGS_FUZZ_CHECK(!(u[i] == 0xE2 && i + 2 < need && u[i + 1] == 0x80 &&
                             (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)));
        }
    }
    if (json)
        LGS_FUZZ_CHECK(need >= 2 && full[0] == '{' && full[need - 1] == '}');
    char *part = malloc(small + 1);
    LGS_FUZZ_CHECK(part != NULL);
    memset(part, 'x', small + 1);
    LGS_FUZZ_CHECK(fmt(r, small > 0 ? part : NULL, small) == need);
    LGS_FUZZ_CHECK(part[small] == 'x');
    if (small > 0) {
        LGS_FUZZ_CHECK(memchr(part, '\0', small) != NULL);
        LGS_FUZZ_CHECK(strncmp(part, full, small - 1) == 0 || strlen(part) < small - 1);
    }
    free(part);
    free(full);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lgs_record r;
    memset(&r, 0, sizeof r);
    memcpy(&r, data, size < sizeof r ? size : sizeof r);
    r.api[sizeof r.api - 1] = '\0';
    r.user[sizeof r.user - 1] = '\0';
    r.authority[sizeof r.authority - 1] = '\0';
    r.detail[sizeof r.detail - 1] = '\0';
    r.authority_kind[sizeof r.authority_kind - 1] = '\0';
    r.domain[sizeof r.domain - 1] = '\0';
    r.package[sizeof r.package - 1] = '\0';
    r.target[sizeof r.target - 1] = '\0';
    /* Pointers cannot come from the input: a name from the input's tail,
     * and the guidance of whatever class the bytes say. */
    char *name = NULL;
    if (size > sizeof r)
        name = lgs_fuzz_string(data + sizeof r, size - sizeof r);
    r.name = name;
    r.guidance = lgs_class_guidance(r.cls);
    size_t small = size > 0 ? data[0] % 48u : 0;
    check_format(lgs_record_format_text, &r, small, 0);
    check_format(lgs_record_format_json, &r, small, 1);
    (void)lgs_record_kind_name(r.kind);
    (void)lgs_severity_name(r.severity);
    free(name);
    return 0;
}
