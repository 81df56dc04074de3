/* plain_getproc.c — resolves LogonUserW and the SSPI calls at run time
 * with LoadLibraryW and GetProcAddress: nothing of advapi32's or secur32's
 * is in its import table. See plain.h. */
#include "plain.h"

int main(int argc, char **argv)
{
    HMODULE advapi = LoadLibraryW(L"advapi32.dll"), secur = LoadLibraryW(L"secur32.dll");
    if (advapi == NULL || secur == NULL)
        return 3;
    FARPROC l = GetProcAddress(advapi, "LogonUserW"), q = GetProcAddress(secur, "QuerySecurityPackageInfoW"),
            f = GetProcAddress(secur, "FreeContextBuffer");
    if (l == NULL || q == NULL || f == NULL)
        return 3;
    plain_logon_fn logon;
    plain_qspi_fn qspi;
    plain_free_fn free_buffer;
    memcpy(&logon, &l, sizeof l);
    memcpy(&qspi, &q, sizeof q);
    memcpy(&free_buffer, &f, sizeof f);
    for (int i = plain_count(argc, argv); i > 0; i--)
        plain_logon(logon);
    plain_qspi(qspi, free_buffer);
    return plain_exit(argc, argv);
}
