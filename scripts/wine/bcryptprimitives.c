/* A stand-in for bcryptprimitives.dll, which Debian's Wine 8 lacks and
 * Rust's standard library asks for ProcessPrng (its random numbers, for the
 * hash maps). It forwards to SystemFunction036 (RtlGenRandom) in advapi32,
 * which Wine has. scripts/windows-smoke.sh builds it beside the Windows
 * binary it runs under Wine; it is a test fixture and never ships: Windows 10
 * and later have the real one. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
