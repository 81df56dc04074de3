/* identity.h — reading the identity structure a caller hands to
 * AcquireCredentialsHandle (pAuthData) without trusting it: which of the
 * forms the SDK defines it is, and where its user and domain names are.
 *
 * The parser only reads bytes it is given, so it is portable, fuzzed
 * natively (tests/fuzz/fuzz_identity.c) and used by the wrapper
 * (win32/wrap_sspi_cred.c), which alone dereferences the pointers of the
 * pointer-carrying forms, exactly as the API itself would.
 */
#ifndef LGS_IDENTITY_H
#define LGS_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

/** The forms of pAuthData the SDK defines for Kerberos, Negotiate and NTLM. */
typedef enum lgs__id_form {
    LGS__ID_OPAQUE = 0, /* not a form we recognise: passed through, no names */
    LGS__ID_PLAIN,      /* SEC_WINNT_AUTH_IDENTITY_A/W: pointers, no version */
    LGS__ID_EX,         /* SEC_WINNT_AUTH_IDENTITY_EXA/EXW: version 0x200, pointers */
    LGS__ID_EX2         /* SEC_WINNT_AUTH_IDENTITY_EX2: version 0x201, offsets */
} lgs__id_form;

/** Where one name is: for LGS__ID_EX2 an offset from the start of the
 *  structure (inside its cbStructureLength), for the pointer forms the
 *  caller's pointer value; `units` characters (UTF-16 code units when the
 *  identity is wide, bytes otherwise). units 0: no name. */
typedef struct lgs__id_name {
    uint64_t where;
    uint32_t units;
} lgs__id_name;

typedef struct lgs__identity {
    lgs__id_form form;
    int wide; /* 1: UTF-16LE names (SEC_WINNT_AUTH_IDENTITY_UNICODE); 0: ANSI */
    lgs__id_name user, domain;
} lgs__identity;

/** Version words of the versioned forms, and their fixed sizes. */
#define LGS__ID_VERSION_EX 0x200u
#define LGS__ID_VERSION_EX2 0x201u
#define LGS__ID_EX2_HEADER 48u
/** The longest name read (UNICODE_STRING's limit): longer ones are not names
 *  any authority accepts, and are not read. */
#define LGS__ID_MAX_UNITS 32767u

/** The size of the fixed part of a pointer form (LGS__ID_PLAIN or
 *  LGS__ID_EX) for pointers of ptr_size bytes (4 or 8). */
size_t lgs__identity_fixed_size(lgs__id_form form, unsigned ptr_size);

/** Reads the identity in the first `avail` bytes at p, laid out for
 *  pointers of ptr_size bytes (4 or 8), and fills *out. Never reads outside
 *  p[0..avail). For LGS__ID_EX2, avail must be the structure's
 *  cbStructureLength (what the caller vouches for); every name returned lies
 *  inside it. A structure too short, inconsistent or flagged as carrying no
 *  user gives LGS__ID_OPAQUE or names of 0 units. Returns out->form. */
lgs__id_form lgs__identity_parse(const unsigned char *p, size_t avail, unsigned ptr_size,
                                 lgs__identity *out);

#endif
