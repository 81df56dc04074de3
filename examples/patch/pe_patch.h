/* pe_patch.h — the portable core of logonshim-patch: reads a PE image
 * (PE32 for i686, PE32+ for x86_64) from a byte buffer, and writes a copy
 * whose import table also names one more DLL, or takes that import out
 * again. Plain C11 on bytes: no <windows.h>, the PE structures are read by
 * their offsets (pe_patch.c), so it builds and is fuzzed natively. Every
 * offset and size read from the input is checked against the buffer before
 * it is used: a malformed image gives an error, never a crash.
 *
 * The patch appends one section, ".lgsimp", that holds a copy of the
 * import directory with one more descriptor (its lookup table, address
 * table and names), points the import data directory at it and clears the
 * bound-import directory. The original descriptors keep their address
 * tables where they were (code refers to them by RVA). The section also
 * keeps the original header bytes and file length, so removing the patch
 * gives back the original file byte for byte.
 */
#ifndef LGS_PE_PATCH_H
#define LGS_PE_PATCH_H

#include <stddef.h>
#include <stdint.h>

/* IMAGE_FILE_MACHINE_I386 and IMAGE_FILE_MACHINE_AMD64 (winnt.h). */
enum { LGS_PE_MACHINE_I386 = 0x014c, LGS_PE_MACHINE_AMD64 = 0x8664 };

/** What went wrong; lgs_pe_result.message says it in a sentence. */
typedef enum lgs_pe_status {
    LGS_PE_OK = 0,
    LGS_PE_MALFORMED,   /* not a PE image, or one this tool cannot parse */
    LGS_PE_UNSUPPORTED, /* a PE image of a kind it does not patch */
    LGS_PE_SIGNED,      /* Authenticode signature present, not forced */
    LGS_PE_MANAGED,     /* a .NET image (CLR header) */
    LGS_PE_ARCH,        /* another machine than the one asked for */
    LGS_PE_NO_ROOM,     /* no room for one more section header */
    LGS_PE_ALREADY,     /* already imports the DLL */
    LGS_PE_NOT_PATCHED, /* --remove on an image this tool did not patch */
    LGS_PE_NO_MEMORY
} lgs_pe_status;

/** A status and its explanation. */
typedef struct lgs_pe_result {
    lgs_pe_status status;
    char message[200];
} lgs_pe_result;

/** What to add, and what to refuse. */
typedef struct lgs_pe_options {
    const char *dll;    /* DLL name to import, e.g. "logonshim-hook.dll" */
    const char *symbol; /* the function imported from it by name */
    uint16_t machine;   /* 0: any; else the required machine */
    int force_unsigned; /* patch a signed image (the signature is dropped) */
} lgs_pe_options;

/** What lgs_pe_inspect found. */
typedef struct lgs_pe_info {
    uint16_t machine;   /* LGS_PE_MACHINE_* */
    int pe32plus;       /* 1 for PE32+ (64-bit), 0 for PE32 */
    int imports_dll;    /* the import table names the DLL asked about */
    int removable;      /* has the section this tool adds */
    int is_signed;      /* the security directory is not empty */
    int managed;        /* has a CLR (.NET) header */
} lgs_pe_info;

/** Parses the image in buf (len bytes) and fills *info. dll (may be NULL)
 *  is the DLL name looked for among the imports, case-insensitively. */
lgs_pe_result lgs_pe_inspect(const uint8_t *buf, size_t len, const char *dll,
                             lgs_pe_info *info);

/** Writes the patched image to a new malloc'ed buffer *out (*out_len bytes;
 *  the caller frees it). buf is not modified. On failure *out is NULL. */
lgs_pe_result lgs_pe_patch(const uint8_t *buf, size_t len, const lgs_pe_options *opt,
                           uint8_t **out, size_t *out_len);

/** Writes the image without the patch, as it was before lgs_pe_patch, to a
 *  new malloc'ed buffer *out (*out_len bytes). */
lgs_pe_result lgs_pe_remove(const uint8_t *buf, size_t len, uint8_t **out, size_t *out_len);

/** "x86_64", "i686" or "unknown". */
const char *lgs_pe_machine_name(uint16_t machine);

#endif
