/* sdk_gaps.h — the few codes in the catalogue that mingw-w64's headers do not
 * define, in one place, each with where its value comes from.
 *
 * The catalogue names codes by their Windows SDK macro, and the mingw build
 * checks every row against the header macro of the same name
 * (tests/win/test_sdk.c). These four are in the Windows SDK's winerror.h and
 * ntstatus.h and in Microsoft's [MS-ERREF] (Windows Error Codes), but not in
 * the mingw-w64 headers this project builds with, so the check compares them
 * with the values below instead. Each NTSTATUS/Win32 pair was also confirmed
 * by RtlNtStatusToDosError under Wine 8 (STATUS_SERVER_SID_MISMATCH -> 628,
 * STATUS_NTLM_BLOCKED -> 1937, STATUS_PASSWORD_CHANGE_REQUIRED -> 1938), which
 * tests/win/test_ntstatus_map.c keeps checking. Only test code includes this
 * file; the library itself carries the values as plain numbers. Remove an
 * entry when mingw-w64 gains the macro (the #ifndef keeps the header's). */
#ifndef LGS_SDK_GAPS_H
#define LGS_SDK_GAPS_H

#ifndef ERROR_SERVER_SID_MISMATCH
#define ERROR_SERVER_SID_MISMATCH 628L /* [MS-ERREF] 2.2; SDK winerror.h */
#endif
#ifndef ERROR_NTLM_BLOCKED
#define ERROR_NTLM_BLOCKED 1937L /* [MS-ERREF] 2.2; SDK winerror.h */
#endif
#ifndef ERROR_PASSWORD_CHANGE_REQUIRED
#define ERROR_PASSWORD_CHANGE_REQUIRED 1938L /* [MS-ERREF] 2.2; SDK winerror.h */
#endif
#ifndef STATUS_PASSWORD_CHANGE_REQUIRED
#define STATUS_PASSWORD_CHANGE_REQUIRED ((NTSTATUS)0xC000030CL) /* [MS-ERREF] 2.3.1; SDK ntstatus.h */
#endif

#endif
