/* Test shim, never shipped: Debian 12's Wine 8.0 has no bcryptprimitives.dll, which every
 * Rust >= 1.78 Windows binary imports (std's ProcessPrng). Real Windows 10/11 has it.
 * Built by scripts/release with x86_64-w64-mingw32-gcc and copied into the Wine prefix's
 * system32 only, so the installer and the exe stay exactly what a Windows machine gets.
 * ProcessPrng is answered by RtlGenRandom (advapi32's SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
