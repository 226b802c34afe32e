/*
 * tls_bad_desc.c - set_thread_area accepted code, 16-bit and not-present
 * descriptors.
 *
 * What went wrong: the kernel encoded whatever struct user_desc said into
 * a GDT TLS slot. A 16-bit data segment loaded into %ss leaks the high half
 * of esp across iret (Linux needs espfix for that and only has it for the
 * LDT), a code segment or a not-present one in the TLS array is an attack
 * surface nobody needs. Linux's tls_desc_okay refuses all three with
 * EINVAL, before it even looks at entry_number; the two "clear the slot"
 * forms (LDT_empty, LDT_zero) stay allowed.
 *
 * Prints one line per descriptor: the errno name or "ok". The oracle is
 * Linux; qemu-user's set_thread_area only refuses present conforming code,
 * so on a qemu-user host the expected output kept with the test
 * (tests/user/expected/tls_bad_desc) is used instead.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SEG_32BIT        0x01u
#define CONTENTS(c)      ((unsigned)(c) << 1)
#define READ_EXEC_ONLY   0x08u
#define LIMIT_IN_PAGES   0x10u
#define SEG_NOT_PRESENT  0x20u
#define USEABLE          0x40u
#define ENTRY_ANY        0xffffffffu
#define FIRST_FREE_SLOT  7          /* glibc's TLS took slot 6 at startup */
#define PAGES_4G         0xfffffu

struct user_desc {
    unsigned entry_number, base_addr, limit, flags;
};

static int var = 1234;

static void try(const char *what, unsigned entry, unsigned base, unsigned limit, unsigned flags)
{
    struct user_desc d = { entry, base, limit, flags };
    long r = syscall(SYS_set_thread_area, &d);
    if (r == 0)
        printf("%s: ok (entry %d)\n", what, (int)d.entry_number);
    else
        printf("%s: %s (entry %d)\n", what, errno == EINVAL ? "EINVAL" :
               errno == ESRCH ? "ESRCH" : strerror(errno), (int)d.entry_number);
}

int main(void)
{
    unsigned data32 = SEG_32BIT | LIMIT_IN_PAGES;

    /* Refused whatever the entry number: checked before it is looked at. */
    try("16-bit data", ENTRY_ANY, 0, PAGES_4G, LIMIT_IN_PAGES);
    try("16-bit data, slot 8", 8, 0, PAGES_4G, LIMIT_IN_PAGES);
    try("code", 8, 0, PAGES_4G, data32 | CONTENTS(2));
    try("conforming code", 8, 0, PAGES_4G, data32 | CONTENTS(3));
    try("not-present data", 8, 0, PAGES_4G, data32 | SEG_NOT_PRESENT);
    try("not-present code", 8, 0, PAGES_4G, data32 | CONTENTS(2) | SEG_NOT_PRESENT);
    try("empty with useable", 8, 0, 0, READ_EXEC_ONLY | SEG_NOT_PRESENT | USEABLE);
    try("empty with a base", 8, 0x1000, 0, READ_EXEC_ONLY | SEG_NOT_PRESENT);
    try("16-bit data, slot 5", 5, 0, PAGES_4G, LIMIT_IN_PAGES);

    /* Allowed. */
    try("32-bit data, slot 5", 5, 0, PAGES_4G, data32);
    try("32-bit data, slot 9", 9, 0, PAGES_4G, data32);
    try("32-bit data, any slot", ENTRY_ANY, 0, PAGES_4G, data32);
    try("expand-down data", 8, 0, 0, SEG_32BIT | CONTENTS(1));
    try("read-only data", 8, 0, PAGES_4G, data32 | READ_EXEC_ONLY);
    try("empty (clears)", FIRST_FREE_SLOT, 0, 0, READ_EXEC_ONLY | SEG_NOT_PRESENT);
    try("zero (clears)", 8, 0, 0, 0);
    try("any slot after clearing", ENTRY_ANY, 0, PAGES_4G, data32);
    try("any slot again", ENTRY_ANY, 0, PAGES_4G, data32);
    try("any slot when full", ENTRY_ANY, 0, PAGES_4G, data32);

    /* A descriptor that was accepted works: %fs:0 reads var. */
    try("data at &var", 8, (unsigned)&var, 0, SEG_32BIT);
    int got = 0;
    __asm__ volatile("movw %w1, %%fs\n\tmovl %%fs:0, %0\n\tmovw %w2, %%fs"
                     : "=r"(got) : "r"(8 * 8 + 3), "r"(0));
    printf("%%fs:0 = %d\n", got);
    return 0;
}
