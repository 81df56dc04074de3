/* pe_patch.c — the PE parser and import patcher of logonshim-patch (see
 * pe_patch.h). The structures of winnt.h are read by offset, little-endian,
 * from the buffer; every read goes through a bounds check first. Sizes are
 * computed in 64 bits so that no sum read from the input can wrap.
 */
#include "pe_patch.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Offsets and sizes from winnt.h. */
enum {
    DOS_E_LFANEW = 0x3c,
    FILE_HEADER_SIZE = 20,
    FH_MACHINE = 0, FH_NSECTIONS = 2, FH_OPT_SIZE = 16,
    OH_MAGIC = 0, OH_SIZE_INIT_DATA = 8, OH_SECTION_ALIGN = 32, OH_FILE_ALIGN = 36,
    OH_SIZE_OF_IMAGE = 56, OH_SIZE_OF_HEADERS = 60, OH_CHECKSUM = 64, OH_DLL_CHARS = 70,
    OH32_NDIRS = 92, OH64_NDIRS = 108,
    MAGIC_PE32 = 0x10b, MAGIC_PE32PLUS = 0x20b,
    DIR_SECURITY = 4, DIR_IMPORT = 1, DIR_BOUND_IMPORT = 11, DIR_CLR = 14, NDIRS_MAX = 16,
    SECTION_HEADER_SIZE = 40,
    SH_VSIZE = 8, SH_VA = 12, SH_RAW_SIZE = 16, SH_RAW_PTR = 20, SH_CHARS = 36,
    IMPORT_DESC_SIZE = 20,
    ID_OFT = 0, ID_TIMESTAMP = 4, ID_FORWARDER = 8, ID_NAME = 12, ID_FIRST_THUNK = 16,
    DLLCHAR_FORCE_INTEGRITY = 0x80,
    MAX_IMPORTS = 4096, MAX_SECTIONS = 1024, MAX_NAME = 256, MIN_SECTION_ALIGN = 4096,
    MAX_FILE_ALIGN = 0x10000
};
#define SCN_DATA_RW 0xC0000040u /* INITIALIZED_DATA | MEM_READ | MEM_WRITE */
#define MAX_IMAGE 0x7fffffffu

/* The section this tool adds, and the record at its start. */
static const char SECTION_NAME[8] = {'.', 'l', 'g', 's', 'i', 'm', 'p', 0};
static const char RECORD_MAGIC[8] = {'L', 'G', 'S', 'P', 'A', 'T', 'C', 'H'};
enum {
    RECORD_VERSION = 1,
    /* magic[8], version, original length, header bytes kept, their offset
     * in the section, descriptors' offset in the section, reserved. */
    REC_VERSION = 8, REC_ORIG_LEN = 12, REC_HDR_LEN = 16, REC_HDR_OFF = 20,
    REC_DESC_OFF = 24, RECORD_SIZE = 32
};

/* A parsed image: offsets of its headers in the buffer and the fields used. */
typedef struct pe {
    const uint8_t *buf;
    size_t len;
    uint32_t fh, oh, dirs, sec; /* file header, optional header, data dirs, section table */
    uint16_t machine, nsec;
    int plus;
    uint32_t ndirs, section_align, file_align, size_of_image, size_of_headers;
} pe;

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static void wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static void wr32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static void wr64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static lgs_pe_result ok(void)
{
    lgs_pe_result r;
    r.status = LGS_PE_OK;
    r.message[0] = '\0';
    return r;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static lgs_pe_result fail(lgs_pe_status status, const char *fmt, ...)
{
    lgs_pe_result r;
    r.status = status;
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(r.message, sizeof r.message, fmt, ap);
    va_end(ap);
    return r;
}

/* off + size lies inside the buffer. */
static int in_file(const pe *p, uint64_t off, uint64_t size)
{
    return off <= p->len && size <= p->len - off;
}

static int is_pow2(uint32_t v)
{
    return v != 0 && (v & (v - 1)) == 0;
}
static uint64_t align_up(uint64_t v, uint32_t a)
{
    return (v + a - 1) & ~(uint64_t)(a - 1);
}

static const uint8_t *section(const pe *p, unsigned i)
{
    return p->buf + p->sec + (size_t)i * SECTION_HEADER_SIZE;
}
/* The file offset of data directory i (8 bytes: RVA, size). */
static size_t dir_at(const pe *p, unsigned i)
{
    return p->dirs + (size_t)8 * i;
}
static void dir(const pe *p, unsigned i, uint32_t *rva, uint32_t *size)
{
    *rva = 0;
    *size = 0;
    if (i < p->ndirs) {
        *rva = rd32(p->buf + dir_at(p, i));
        *size = rd32(p->buf + dir_at(p, i) + 4);
    }
}
/* Sets data directory i of out, an image laid out as p. */
static void set_dir(uint8_t *out, const pe *p, unsigned i, uint32_t rva, uint32_t size)
{
    wr32(out + dir_at(p, i), rva);
    wr32(out + dir_at(p, i) + 4, size);
}

static lgs_pe_result parse(pe *p, const uint8_t *buf, size_t len)
{
    memset(p, 0, sizeof *p);
    p->buf = buf;
    p->len = len;
    if (len < 64 || buf[0] != 'M' || buf[1] != 'Z')
        return fail(LGS_PE_MALFORMED, "not a PE image: no MZ header");
    if (len > MAX_IMAGE)
        return fail(LGS_PE_UNSUPPORTED, "the image is larger than 2 GiB");
    uint32_t pe_off = rd32(buf + DOS_E_LFANEW);
    if (!in_file(p, pe_off, 4 + FILE_HEADER_SIZE) || memcmp(buf + pe_off, "PE\0\0", 4) != 0)
        return fail(LGS_PE_MALFORMED, "not a PE image: no PE signature at offset 0x%x", (unsigned)pe_off);
    p->fh = pe_off + 4;
    p->machine = rd16(buf + p->fh + FH_MACHINE);
    p->nsec = rd16(buf + p->fh + FH_NSECTIONS);
    uint16_t opt_size = rd16(buf + p->fh + FH_OPT_SIZE);
    p->oh = p->fh + FILE_HEADER_SIZE;
    if (!in_file(p, p->oh, opt_size) || opt_size < 2)
        return fail(LGS_PE_MALFORMED, "optional header runs past the end of the file");
    uint16_t magic = rd16(buf + p->oh + OH_MAGIC);
    uint32_t ndirs_at;
    if (magic == MAGIC_PE32) {
        p->plus = 0;
        ndirs_at = OH32_NDIRS;
    } else if (magic == MAGIC_PE32PLUS) {
        p->plus = 1;
        ndirs_at = OH64_NDIRS;
    } else {
        return fail(LGS_PE_MALFORMED, "optional header magic 0x%x is neither PE32 nor PE32+", magic);
    }
    if (opt_size < ndirs_at + 4)
        return fail(LGS_PE_MALFORMED, "optional header of %u bytes is too short", opt_size);
    p->section_align = rd32(buf + p->oh + OH_SECTION_ALIGN);
    p->file_align = rd32(buf + p->oh + OH_FILE_ALIGN);
    p->size_of_image = rd32(buf + p->oh + OH_SIZE_OF_IMAGE);
    p->size_of_headers = rd32(buf + p->oh + OH_SIZE_OF_HEADERS);
    p->dirs = p->oh + ndirs_at + 4;
    uint32_t ndirs = rd32(buf + p->oh + ndirs_at);
    uint32_t room = (opt_size - ndirs_at - 4) / 8;
    p->ndirs = ndirs < room ? ndirs : room;
    if (p->ndirs > NDIRS_MAX)
        p->ndirs = NDIRS_MAX;
    p->sec = p->oh + opt_size;
    if (p->nsec > MAX_SECTIONS)
        return fail(LGS_PE_UNSUPPORTED, "%u sections: more than %d", (unsigned)p->nsec, MAX_SECTIONS);
    if (p->nsec == 0 || !in_file(p, p->sec, (uint64_t)p->nsec * SECTION_HEADER_SIZE))
        return fail(LGS_PE_MALFORMED, "section table (%u sections) runs past the end of the file",
                    (unsigned)p->nsec);
    /* The PE format allows a FileAlignment of at most 64 KiB; a larger one
     * would only make the copy's new section that large (and the fuzzer
     * found inputs asking for a gigabyte). */
    if (!is_pow2(p->file_align) || !is_pow2(p->section_align) || p->file_align > p->section_align ||
        p->file_align > MAX_FILE_ALIGN)
        return fail(LGS_PE_MALFORMED, "alignments (file 0x%x, section 0x%x) are not valid",
                    (unsigned)p->file_align, (unsigned)p->section_align);
    if (p->size_of_headers > len)
        return fail(LGS_PE_MALFORMED, "SizeOfHeaders 0x%x is past the end of the file",
                    (unsigned)p->size_of_headers);
    return ok();
}

/* How many bytes from rva on are stored in the file (0: none), and their
 * file offset. */
static uint64_t rva_span(const pe *p, uint32_t rva, uint64_t *off)
{
    if (rva < p->size_of_headers) {
        *off = rva;
        return p->size_of_headers - rva;
    }
    for (unsigned i = 0; i < p->nsec; i++) {
        const uint8_t *s = section(p, i);
        uint32_t va = rd32(s + SH_VA), raw = rd32(s + SH_RAW_SIZE), ptr = rd32(s + SH_RAW_PTR);
        if (rva >= va && rva - va < raw) {
            *off = (uint64_t)ptr + (rva - va);
            uint64_t n = raw - (rva - va);
            if (*off >= p->len)
                return 0;
            return n < p->len - *off ? n : p->len - *off;
        }
    }
    return 0;
}

/* The file offset of size bytes at rva, all of them stored in the file. */
static int rva_to_off(const pe *p, uint32_t rva, uint32_t size, uint64_t *off)
{
    return rva_span(p, rva, off) >= size;
}

/* The NUL-terminated name at rva, or NULL. */
static const char *name_at(const pe *p, uint32_t rva)
{
    uint64_t off, n = rva_span(p, rva, &off);
    if (n > MAX_NAME)
        n = MAX_NAME;
    if (n == 0 || !memchr(p->buf + off, 0, (size_t)n))
        return NULL;
    return (const char *)p->buf + off;
}

static int same_name(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb)
            return 0;
        if (ca == 0)
            return 1;
    }
}

/* The import descriptors: their file offset and count (the loader's rule:
 * the list ends at the first descriptor without a name or address table).
 * Each must be in the file, and each name readable. If dll is not NULL,
 * *found tells whether one of them names it. */
static lgs_pe_result imports(const pe *p, uint64_t *off, uint32_t *count, const char *dll, int *found)
{
    uint32_t rva, size;
    dir(p, DIR_IMPORT, &rva, &size);
    *off = 0;
    *count = 0;
    if (found)
        *found = 0;
    if (rva == 0)
        return ok();
    for (uint32_t i = 0;; i++) {
        uint64_t d;
        if (i == MAX_IMPORTS)
            return fail(LGS_PE_MALFORMED, "more than %d import descriptors", MAX_IMPORTS);
        if (!rva_to_off(p, rva + i * IMPORT_DESC_SIZE, IMPORT_DESC_SIZE, &d))
            return fail(LGS_PE_MALFORMED, "import descriptor %u is outside the file's sections", (unsigned)i);
        if (i == 0)
            *off = d;
        else if (d != *off + (uint64_t)i * IMPORT_DESC_SIZE)
            return fail(LGS_PE_MALFORMED, "the import descriptors straddle two sections");
        uint32_t name = rd32(p->buf + d + ID_NAME), iat = rd32(p->buf + d + ID_FIRST_THUNK);
        if (name == 0 || iat == 0) {
            *count = i;
            return ok();
        }
        const char *s = name_at(p, name);
        if (!s)
            return fail(LGS_PE_MALFORMED, "import descriptor %u names no readable DLL", (unsigned)i);
        if (dll && found && same_name(s, dll))
            *found = 1;
    }
}

/* The record of the section this tool added, if the last section is it. */
static const uint8_t *record(const pe *p)
{
    const uint8_t *s = section(p, (unsigned)p->nsec - 1);
    if (memcmp(s, SECTION_NAME, sizeof SECTION_NAME) != 0)
        return NULL;
    uint32_t raw = rd32(s + SH_RAW_SIZE), ptr = rd32(s + SH_RAW_PTR);
    if (raw < RECORD_SIZE || !in_file(p, ptr, raw))
        return NULL;
    const uint8_t *r = p->buf + ptr;
    if (memcmp(r, RECORD_MAGIC, sizeof RECORD_MAGIC) != 0 || rd32(r + REC_VERSION) != RECORD_VERSION)
        return NULL;
    return r;
}

const char *lgs_pe_machine_name(uint16_t machine)
{
    switch (machine) {
    case LGS_PE_MACHINE_AMD64: return "x86_64";
    case LGS_PE_MACHINE_I386: return "i686";
    default: return "unknown";
    }
}

lgs_pe_result lgs_pe_inspect(const uint8_t *buf, size_t len, const char *dll, lgs_pe_info *info)
{
    memset(info, 0, sizeof *info);
    pe p;
    lgs_pe_result r = parse(&p, buf, len);
    if (r.status != LGS_PE_OK)
        return r;
    info->machine = p.machine;
    info->pe32plus = p.plus;
    uint32_t rva, size;
    dir(&p, DIR_SECURITY, &rva, &size);
    info->is_signed = rva != 0 && size != 0;
    dir(&p, DIR_CLR, &rva, &size);
    info->managed = rva != 0;
    info->removable = record(&p) != NULL;
    uint64_t off;
    uint32_t count;
    return imports(&p, &off, &count, dll, &info->imports_dll);
}

/* A DLL or function name this tool writes: printable ASCII, no path. */
static int valid_name(const char *s, int is_dll)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n >= MAX_NAME)
        return 0;
    for (size_t i = 0; i < n; i++)
{
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c >= 0x7f || (is_dll && (c == '/' || c == '\\' || c == ':')))
            return 0;
    }
    return 1;
}

/* The PE checksum (what CheckSumMappedFile computes): 16-bit one's
 * complement sum of the file with the checksum field taken as 0, plus the
 * file length. */
static uint32_t pe_checksum(const uint8_t *buf, size_t len, size_t checksum_off)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < len; i += 2) {
        uint32_t w = buf[i];
        if (i + 1 < len)
            w |= (uint32_t)buf[i + 1] << 8;
        if (i == checksum_off || i == checksum_off + 2)
            w = 0;
        sum += w;
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum = (sum & 0xffff) + (sum >> 16);
    return (uint32_t)(sum + len);
}

/* Where the added section's parts go, from its start. */
typedef struct layout {
    uint32_t desc, ilt, iat, hint, dll, hdr, size;
} layout;

static layout plan(uint32_t count, int plus, const char *dll, const char *symbol, uint32_t hdr_len)
{
    uint32_t thunk = plus ? 8 : 4;
    layout l;
    l.desc = RECORD_SIZE;
    l.ilt = (uint32_t)align_up(l.desc + (uint64_t)(count + 2) * IMPORT_DESC_SIZE, 8);
    l.iat = l.ilt + 2 * thunk;
    l.hint = l.iat + 2 * thunk;
    l.dll = (uint32_t)align_up(l.hint + 2 + strlen(symbol) + 1, 2);
    l.hdr = (uint32_t)align_up(l.dll + strlen(dll) + 1, 8);
    l.size = l.hdr + hdr_len;
    return l;
}

lgs_pe_result lgs_pe_patch(const uint8_t *buf, size_t len, const lgs_pe_options *opt, uint8_t **out,
                           size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (!valid_name(opt->dll, 1))
        return fail(LGS_PE_UNSUPPORTED, "the DLL name must be 1 to 255 printable characters, no path");
    if (!valid_name(opt->symbol, 0))
        return fail(LGS_PE_UNSUPPORTED, "the symbol name must be 1 to 255 printable characters");
    pe p;
    lgs_pe_result r = parse(&p, buf, len);
    if (r.status != LGS_PE_OK)
        return r;
    if (!((p.machine == LGS_PE_MACHINE_AMD64 && p.plus) || (p.machine == LGS_PE_MACHINE_I386 && !p.plus)))
        return fail(LGS_PE_UNSUPPORTED, "machine 0x%04x (%s): only x86_64 (PE32+) and i686 (PE32) images",
                    (unsigned)p.machine, p.plus ? "PE32+" : "PE32");
    if (opt->machine != 0 && opt->machine != p.machine)
        return fail(LGS_PE_ARCH, "the image is %s, the hook DLL is %s: use the %s package",
                    lgs_pe_machine_name(p.machine), lgs_pe_machine_name(opt->machine),
                    lgs_pe_machine_name(p.machine));
    uint32_t rva, size;
    dir(&p, DIR_CLR, &rva, &size);
    if (rva != 0)
        return fail(LGS_PE_MANAGED, "a .NET image (it has a CLR header): its calls do not go through "
                                    "the import table, not patched");
    dir(&p, DIR_SECURITY, &rva, &size);
    int is_signed = rva != 0 && size != 0;
    if (is_signed && !opt->force_unsigned)
        return fail(LGS_PE_SIGNED, "the image is signed (Authenticode): patching breaks the signature; "
                                   "--force-unsigned writes it unsigned");
    if (p.ndirs <= DIR_IMPORT)
        return fail(LGS_PE_UNSUPPORTED, "the optional header has no import data directory");
    if (p.section_align < MIN_SECTION_ALIGN)
        return fail(LGS_PE_UNSUPPORTED, "section alignment 0x%x is below a page: not supported",
                    (unsigned)p.section_align);
    if (record(&p))
        return fail(LGS_PE_ALREADY, "already patched by logonshim-patch (--remove first)");
    uint64_t desc_off;
    uint32_t count;
    int found;
    r = imports(&p, &desc_off, &count, opt->dll, &found);
    if (r.status != LGS_PE_OK)
        return r;
    if (found)
        return fail(LGS_PE_ALREADY, "the image already imports %s", opt->dll);
    if (count + 1 >= MAX_IMPORTS)
        return fail(LGS_PE_UNSUPPORTED, "%u import descriptors: no room for one more", (unsigned)count);

    /* Every section's raw data in the file; where the image ends (past the
     * headers and every section, however the input sizes them, so that no
     * RVA of the new section falls in anything else). */
    uint64_t first_raw = p.size_of_headers;
    uint64_t image_end = p.size_of_image > p.size_of_headers ? p.size_of_image : p.size_of_headers;
    for (unsigned i = 0; i < p.nsec; i++) {
        const uint8_t *s = section(&p, i);
        uint32_t vsize = rd32(s + SH_VSIZE), va = rd32(s + SH_VA);
        uint32_t raw = rd32(s + SH_RAW_SIZE), ptr = rd32(s + SH_RAW_PTR);
        if (raw != 0 && !in_file(&p, ptr, raw))
            return fail(LGS_PE_MALFORMED, "section %u's data runs past the end of the file", i);
        if (raw != 0 && ptr < first_raw)
            first_raw = ptr;
        uint64_t end = align_up((uint64_t)va + (vsize > raw ? vsize : raw), p.section_align);
        if (end > image_end)
            image_end = end;
    }
    /* Room for one more section header, before anything else in the file. */
    uint64_t sh = p.sec + (uint64_t)p.nsec * SECTION_HEADER_SIZE;
    if (sh + SECTION_HEADER_SIZE > first_raw || p.nsec >= MAX_SECTIONS)
        return fail(LGS_PE_NO_ROOM, "no room in the headers for one more section header "
                                    "(SizeOfHeaders 0x%x, section table ends at 0x%x)",
                    (unsigned)p.size_of_headers, (unsigned)sh);
    uint32_t bound_rva, bound_size;
    dir(&p, DIR_BOUND_IMPORT, &bound_rva, &bound_size);
    int bound_in_header = bound_rva != 0 && (uint64_t)bound_rva + bound_size <= p.size_of_headers;
    for (uint64_t i = sh; i < sh + SECTION_HEADER_SIZE; i++) {
        int bound = bound_in_header && i >= bound_rva && i < (uint64_t)bound_rva + bound_size;
        if (buf[i] != 0 && !bound)
            return fail(LGS_PE_NO_ROOM, "no room in the headers for one more section header "
                                        "(bytes in use after the section table)");
    }
    /* A bound descriptor without a lookup table: its address table holds
     * addresses, not names, so the import cannot be re-resolved. */
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *d = buf + desc_off + (uint64_t)i * IMPORT_DESC_SIZE;
        if (rd32(d + ID_OFT) == 0 && rd32(d + ID_TIMESTAMP) != 0)
            return fail(LGS_PE_UNSUPPORTED, "import descriptor %u is bound and has no lookup table",
                        (unsigned)i);
    }

    layout l = plan(count, p.plus, opt->dll, opt->symbol, p.size_of_headers);
    uint64_t va = align_up(image_end, p.section_align);
    uint64_t raw_ptr = align_up(len, p.file_align);
    uint64_t raw_size = align_up(l.size, p.file_align);
    uint64_t new_image = va + align_up(l.size, p.section_align);
    uint64_t total = raw_ptr + raw_size;
    if (new_image > MAX_IMAGE || total > MAX_IMAGE)
        return fail(LGS_PE_UNSUPPORTED, "the patched image would be larger than 2 GiB");
    uint8_t *o = calloc(1, (size_t)total);
    if (!o)
        return fail(LGS_PE_NO_MEMORY, "out of memory (%u bytes)", (unsigned)total);
    memcpy(o, buf, len);
    uint32_t v = (uint32_t)va;

    /* The section: record, descriptors, lookup and address tables, names,
     * and the original headers. */
    uint8_t *s = o + raw_ptr;
    memcpy(s, RECORD_MAGIC, sizeof RECORD_MAGIC);
    wr32(s + REC_VERSION, RECORD_VERSION);
    wr32(s + REC_ORIG_LEN, (uint32_t)len);
    wr32(s + REC_HDR_LEN, p.size_of_headers);
    wr32(s + REC_HDR_OFF, l.hdr);
    wr32(s + REC_DESC_OFF, l.desc);
    if (count)
        memcpy(s + l.desc, buf + desc_off, (size_t)count * IMPORT_DESC_SIZE);
    for (uint32_t i = 0; i < count; i++) {
        uint8_t *d = s + l.desc + (size_t)i * IMPORT_DESC_SIZE;
        /* Bound imports are resolved again from the lookup table. */
        wr32(d + ID_TIMESTAMP, 0);
        wr32(d + ID_FORWARDER, 0);
    }
    uint8_t *ours = s + l.desc + (size_t)count * IMPORT_DESC_SIZE;
    wr32(ours + ID_OFT, v + l.ilt);
    wr32(ours + ID_NAME, v + l.dll);
    wr32(ours + ID_FIRST_THUNK, v + l.iat);
    if (p.plus) {
        wr64(s + l.ilt, v + l.hint);
        wr64(s + l.iat, v + l.hint);
    } else {
        wr32(s + l.ilt, v + l.hint);
        wr32(s + l.iat, v + l.hint);
    }
    memcpy(s + l.hint + 2, opt->symbol, strlen(opt->symbol));
    memcpy(s + l.dll, opt->dll, strlen(opt->dll));
    memcpy(s + l.hdr, buf, p.size_of_headers);

    /* The headers. */
    uint8_t *h = o + sh;
    if (bound_in_header) {
        /* Only what lies past the section table: a hostile directory may
         * point into the headers themselves. */
        uint64_t from = bound_rva > sh ? bound_rva : sh, to = (uint64_t)bound_rva + bound_size;
        if (to > from)
            memset(o + from, 0, (size_t)(to - from));
    }
    memcpy(h, SECTION_NAME, sizeof SECTION_NAME);
    wr32(h + SH_VSIZE, l.size);
    wr32(h + SH_VA, v);
    wr32(h + SH_RAW_SIZE, (uint32_t)raw_size);
    wr32(h + SH_RAW_PTR, (uint32_t)raw_ptr);
    wr32(h + SH_CHARS, SCN_DATA_RW);
    wr16(o + p.fh + FH_NSECTIONS, (uint16_t)(p.nsec + 1));
    wr32(o + p.oh + OH_SIZE_OF_IMAGE, (uint32_t)new_image);
    wr32(o + p.oh + OH_SIZE_INIT_DATA, rd32(o + p.oh + OH_SIZE_INIT_DATA) + (uint32_t)raw_size);
    set_dir(o, &p, DIR_IMPORT, v + l.desc, (count + 2) * IMPORT_DESC_SIZE);
    if (p.ndirs > DIR_BOUND_IMPORT)
        set_dir(o, &p, DIR_BOUND_IMPORT, 0, 0);
    if (is_signed) {
        set_dir(o, &p, DIR_SECURITY, 0, 0);
        uint16_t chars = rd16(o + p.oh + OH_DLL_CHARS);
        wr16(o + p.oh + OH_DLL_CHARS, (uint16_t)(chars & ~DLLCHAR_FORCE_INTEGRITY));
    }
    if (rd32(o + p.oh + OH_CHECKSUM) != 0)
        wr32(o + p.oh + OH_CHECKSUM, pe_checksum(o, (size_t)total, p.oh + OH_CHECKSUM));
    *out = o;
    *out_len = (size_t)total;
    return ok();
}

lgs_pe_result lgs_pe_remove(const uint8_t *buf, size_t len, uint8_t **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    pe p;
    lgs_pe_result r = parse(&p, buf, len);
    if (r.status != LGS_PE_OK)
        return r;
    const uint8_t *rec = record(&p);
    if (!rec)
        return fail(LGS_PE_NOT_PATCHED, "not patched by logonshim-patch (no %s section last)", SECTION_NAME);
    uint32_t raw = rd32(section(&p, (unsigned)p.nsec - 1) + SH_RAW_SIZE);
    uint64_t ptr = (uint64_t)(rec - buf);
    uint32_t orig_len = rd32(rec + REC_ORIG_LEN), hdr_len = rd32(rec + REC_HDR_LEN);
    uint32_t hdr_off = rd32(rec + REC_HDR_OFF);
    if (orig_len > ptr || hdr_len > orig_len || (uint64_t)hdr_off + hdr_len > raw)
        return fail(LGS_PE_MALFORMED, "the %s section's record is inconsistent", SECTION_NAME);
    uint8_t *o = malloc(orig_len ? orig_len : 1);
    if (!o)
        return fail(LGS_PE_NO_MEMORY, "out of memory (%u bytes)", (unsigned)orig_len);
    memcpy(o, buf, orig_len);
    memcpy(o, rec + hdr_off, hdr_len);
    pe check;
    r = parse(&check, o, orig_len);
    if (r.status != LGS_PE_OK)
{
        free(o);
        return fail(LGS_PE_MALFORMED, "the original kept in the %s section does not parse", SECTION_NAME);
    }
    *out = o;
    *out_len = orig_len;
    return ok();
}
